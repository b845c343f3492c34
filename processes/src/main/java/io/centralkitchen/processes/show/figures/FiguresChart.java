package io.centralkitchen.processes.show.figures;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The show's timeline as an inline SVG drawn on the server (no script, no CDN): each platform's concurrent viewers as
 * a step line, the slot boundaries as dashed lines labelled with the slot's position and product, and each order as a
 * tick on the time axis (a line of more than {@value #MAX_STEPS} samples is thinned evenly; the table holds the exact
 * figures). Every text is escaped; colours are presentation attributes (the pages' CSP forbids inline
 * styles).
 */
public final class FiguresChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 320;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf"};
    /** At most this many steps per platform's line: a long show's samples are thinned evenly for the picture. */
    static final int MAX_STEPS = 2000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private FiguresChart() {
    }

    public static String svg(ShowFigures.Computed computed) {
        FigureMath math = computed.math();
        long from = computed.timelineStart().toEpochMilli();
        long to = Math.max(computed.timelineEnd().toEpochMilli(), from + 1);
        List<String> platforms = computed.figures().platforms();
        long top = 1;
        for (String p : platforms) {
            for (FigureMath.Event e : math.viewerSamples(p)) {
                top = Math.max(top, e.value());
            }
        }
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"figures-chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\"><title>Concurrent viewers per platform over the show, slot boundaries marked</title>");
        svg.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#444", null));
        svg.append(line(LEFT, TOP, LEFT, TOP + plotH, "#444", null));
        svg.append(text(LEFT - 6, TOP + 4, "end", Long.toString(top), "axis-max"));
        svg.append(text(LEFT - 6, TOP + plotH, "end", "0", null));
        svg.append(text(LEFT, HEIGHT - 8, "start", CLOCK.format(computed.timelineStart()) + " UTC", null));
        svg.append(text(LEFT + plotW, HEIGHT - 8, "end", CLOCK.format(computed.timelineEnd()) + " UTC", null));
        for (ShowFigures.Window w : computed.figures().windows()) {
            if (w.position() == null || w.start() == null) {
                continue;
            }
            double x = LEFT + plotW * fraction(w.start().toEpochMilli(), from, to);
            svg.append("<line class=\"slot-boundary\" data-slot=\"").append(w.position()).append("\" x1=\"").append(f(x))
                    .append("\" y1=\"").append(TOP - 12).append("\" x2=\"").append(f(x)).append("\" y2=\"").append(TOP + plotH)
                    .append("\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>");
            svg.append(text(x + 3, TOP - 14, "start", "#" + w.position() + " " + (w.productName() == null ? "" : w.productName()), "slot-label"));
        }
        for (int i = 0; i < platforms.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            double y = TOP + plotH;
            points.append(f(LEFT)).append(',').append(f(y));
            List<FigureMath.Event> samples = math.viewerSamples(platforms.get(i));
            int every = Math.max(1, (samples.size() + MAX_STEPS - 1) / MAX_STEPS);
            for (int k = 0; k < samples.size(); k += every) {
                FigureMath.Event e = samples.get(k);
                double x = LEFT + plotW * fraction(e.at().toEpochMilli(), from, to);
                points.append(' ').append(f(x)).append(',').append(f(y));
                y = TOP + plotH - plotH * (double) e.value() / top;
                points.append(' ').append(f(x)).append(',').append(f(y));
            }
            points.append(' ').append(f(LEFT + plotW)).append(',').append(f(y));
            svg.append("<polyline class=\"viewers\" data-platform=\"").append(escape(platforms.get(i))).append("\" fill=\"none\" stroke=\"")
                    .append(colour).append("\" stroke-width=\"2\" points=\"").append(points).append("\"/>");
            svg.append("<rect x=\"").append(LEFT + 10 + 150 * i).append("\" y=\"").append(HEIGHT - 30).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(colour).append("\"/>");
            svg.append(text(LEFT + 24 + 150 * i, HEIGHT - 21, "start", platforms.get(i), "legend"));
        }
        for (FigureMath.Event order : math.placements()) {
            double x = LEFT + plotW * fraction(order.at().toEpochMilli(), from, to);
            svg.append("<line class=\"order\" x1=\"").append(f(x)).append("\" y1=\"").append(TOP + plotH).append("\" x2=\"")
                    .append(f(x)).append("\" y2=\"").append(TOP + plotH + 8).append("\" stroke=\"#e67e00\" stroke-width=\"2\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static double fraction(long t, long from, long to) {
        return Math.max(0, Math.min(1, (double) (t - from) / (to - from)));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String cls) {
        return "<line" + (cls == null ? "" : " class=\"" + cls + "\"") + " x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2)
                + "\" y2=\"" + f(y2) + "\" stroke=\"" + colour + "\"/>";
    }

    private static String text(double x, double y, String anchor, String content, String cls) {
        return "<text" + (cls == null ? "" : " class=\"" + cls + "\"") + " x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\""
                + anchor + "\" font-size=\"11\">" + escape(content) + "</text>";
    }

    private static String f(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
