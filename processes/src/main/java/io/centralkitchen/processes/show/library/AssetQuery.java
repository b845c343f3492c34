package io.centralkitchen.processes.show.library;

import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A search of the asset library, every parameter bounded: texts at most 100 characters, ids positive, dates as
 * 2026-05-01 or ISO-8601 UTC, a page of at most {@value #MAX_SIZE} assets and at most {@value #MAX_PAGE} pages deep.
 * Bad input is refused naming the parameter.
 */
public record AssetQuery(String showId, Long productId, Long supplierId, String host, String platform, Instant from,
                         Instant to, String status, String kind, int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_PAGE = 1000;
    static final int MAX_TEXT = 100;
    public static final Set<String> KINDS = Set.of("RECORDING", "CLIP", "RENDITION", "COVER", "TEASER");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}");
    private static final Pattern STATUS = Pattern.compile("[A-Z_]{1,20}");

    public static AssetQuery parse(Map<String, String> p) {
        return new AssetQuery(id(p, "showId"), number(p, "productId"), number(p, "supplierId"), text(p, "host"), id(p, "platform"),
                date(p, "from"), date(p, "to"), status(p), kind(p), (int) bounded(p, "page", 0, MAX_PAGE, 0),
                (int) bounded(p, "size", 1, MAX_SIZE, DEFAULT_SIZE));
    }

    private static String text(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.strip();
        if (v.length() > MAX_TEXT) {
            throw new InvalidFieldException(name, "must be at most " + MAX_TEXT + " characters (got " + v.length() + ")");
        }
        return v;
    }

    private static String id(Map<String, String> p, String name) {
        String v = text(p, name);
        if (v != null && !ID.matcher(v).matches()) {
            throw new InvalidFieldException(name, "must be letters, digits or . _ : @ - (got '" + v + "')");
        }
        return v;
    }

    private static Long number(Map<String, String> p, String name) {
        String v = text(p, name);
        return v == null ? null : bounded(p, name, 1, Long.MAX_VALUE, 0);
    }

    private static long bounded(Map<String, String> p, String name, long min, long max, long absent) {
        String v = text(p, name);
        if (v == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidFieldException(name, "must be a whole number from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max)
                + " (got '" + v + "')");
    }

    private static Instant date(Map<String, String> p, String name) {
        String v = text(p, name);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (RuntimeException e) {
            throw new InvalidFieldException(name, "must be a date (2026-05-01) or ISO-8601 UTC time (got '" + v + "')");
        }
    }

    private static String status(Map<String, String> p) {
        String v = text(p, "status");
        if (v == null) {
            return null;
        }
        v = v.toUpperCase(Locale.ROOT);
        if (!STATUS.matcher(v).matches()) {
            throw new InvalidFieldException("status", "must be PUBLISHED, UNPUBLISHED or a state such as APPROVED (got '" + v + "')");
        }
        return v;
    }

    private static String kind(Map<String, String> p) {
        String v = text(p, "kind");
        if (v == null) {
            return null;
        }
        v = v.toUpperCase(Locale.ROOT);
        if (!KINDS.contains(v)) {
            throw new InvalidFieldException("kind", "must be one of " + String.join(", ", KINDS.stream().sorted().toList()) + " (got '" + v + "')");
        }
        return v;
    }
}
