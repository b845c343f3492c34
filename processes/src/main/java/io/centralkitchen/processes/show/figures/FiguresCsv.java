package io.centralkitchen.processes.show.figures;

import java.math.BigDecimal;
import java.util.List;

/**
 * The figures as CSV (RFC 4180, UTF-8): one line per window and platform, then the whole show per platform. A text
 * that a spreadsheet would run as a formula (starting with = + - @) is prefixed with an apostrophe.
 */
public final class FiguresCsv {

    static final String HEADER = "window,position,product_id,product,platform,start,end,peak_viewers,avg_viewers,new_viewers,"
            + "comments,likes,reservations,orders,revenue,refunds,refunded_orders,conversion";

    private FiguresCsv() {
    }

    public static String of(ShowFigures.Figures figures) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (ShowFigures.Row row : figures.slots()) {
            ShowFigures.Window w = figures.windows().stream().filter(x -> x.key().equals(row.window()) && x.aired()).findFirst().orElseThrow();
            line(csv, row, w.start() == null ? "" : w.start().toString(), w.end() == null ? "" : w.end().toString());
        }
        for (ShowFigures.Row row : figures.platformTotals()) {
            line(csv, row, figures.liveStartedAt() == null ? "" : figures.liveStartedAt().toString(),
                    figures.liveEndedAt() == null ? "" : figures.liveEndedAt().toString());
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, ShowFigures.Row row, String start, String end) {
        FigureMath.Figures f = row.figures();
        List<String> cells = List.of(row.window(), s(row.position()), s(row.productId()), text(row.productName()), text(row.platform()),
                start, end, s(f.peakViewers()), s(f.avgViewers()), s(f.newViewers()), s(f.comments()), s(f.likes()),
                s(f.reservations()), s(f.orders()), s(f.revenue()), s(f.refunds()), s(f.refundedOrders()), s(f.conversion()));
        csv.append(String.join(",", cells)).append("\r\n");
    }

    private static String s(Object value) {
        return value == null ? "" : value instanceof BigDecimal b ? b.toPlainString() : value.toString();
    }

    static String text(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
