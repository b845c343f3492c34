package io.centralkitchen.processes.show.plan;

import io.centralkitchen.processes.api.Markdown;
import io.centralkitchen.processes.show.ShowPlan;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rundown as producers edit it in Tasklist: one product slot per line, in air order,
 * {@code product id | minutes | price | flash-sale price | flash-sale stock} (only the product id is required; lines
 * starting with {@code #} are comments) — and as a Markdown table for reading.
 */
public final class RundownText {

    public static final String FIELD = "rundownLines";

    private RundownText() {
    }

    public static String lines(List<ShowSlot> slots, Map<Long, Product> products) {
        StringBuilder text = new StringBuilder("# product id | minutes | price | flash-sale price | flash-sale stock\n");
        for (ShowSlot s : slots) {
            Product p = products.get(s.productId());
            text.append("# ").append(p == null ? "?" : p.name().replaceAll("[\\r\\n]+", " ")).append('\n');
            text.append(s.productId()).append(" | ").append(minutes(s.plannedSeconds())).append(" | ").append(s.price().toPlainString());
            if (s.hasFlashSale()) {
                text.append(" | ").append(s.flashSalePrice().toPlainString());
                if (s.flashSaleStock() != null) {
                    text.append(" | ").append(s.flashSaleStock());
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    public static String table(List<ShowSlot> slots, Map<Long, Product> products) {
        StringBuilder md = new StringBuilder("| # | product | minutes | price | flash sale | on air |\n|---|---|---|---|---|---|\n");
        for (ShowSlot s : slots) {
            Product p = products.get(s.productId());
            md.append("| ").append(s.position()).append(" | ").append(p == null ? s.productId() : Markdown.text(p.name()) + " (" + s.productId() + ")")
                    .append(" | ").append(minutes(s.plannedSeconds())).append(" | ¥").append(s.price().toPlainString()).append(" | ")
                    .append(s.hasFlashSale() ? "¥" + s.flashSalePrice().toPlainString()
                            + (s.flashSaleStock() == null ? "" : " × " + s.flashSaleStock()) : "—")
                    .append(" | ").append(s.onAir() ? clock(s.onAirMillis()) : "").append(" |\n");
        }
        return md.toString();
    }

    public static List<ShowPlan.Slot> parse(String text) {
        List<ShowPlan.Slot> slots = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            String where = "Line " + (n + 1) + " ('" + line + "'): ";
            Long productId = whole(parts, 0, where + "the product id", true);
            BigDecimal minutes = decimal(parts, 1, where + "the minutes");
            BigDecimal price = decimal(parts, 2, where + "the price");
            BigDecimal flash = decimal(parts, 3, where + "the flash-sale price");
            Long stock = whole(parts, 4, where + "the flash-sale stock", false);
            slots.add(new ShowPlan.Slot(productId, minutes == null ? null : minutes.multiply(BigDecimal.valueOf(60)).intValue(),
                    price, flash == null ? null : new ShowPlan.FlashSale(flash, stock == null ? null : stock.intValue())));
        }
        return slots;
    }

    private static Long whole(String[] parts, int i, String what, boolean required) {
        String value = i < parts.length ? parts[i].strip() : "";
        if (value.isEmpty()) {
            if (required) {
                throw new InvalidFieldException(FIELD, what + " is missing");
            }
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(FIELD, what + " must be a whole number, got '" + value + "'");
        }
    }

    private static BigDecimal decimal(String[] parts, int i, String what) {
        String value = i < parts.length ? parts[i].strip().replace("¥", "") : "";
        if (value.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(FIELD, what + " must be a number like 39.90, got '" + value + "'");
        }
    }

    private static String minutes(int seconds) {
        BigDecimal m = BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return m.scale() < 0 ? m.setScale(0).toPlainString() : m.toPlainString();
    }

    /** Program time as h:mm:ss. */
    public static String clock(long millis) {
        long s = millis / 1000;
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
