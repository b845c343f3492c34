package io.centralkitchen.processes.commerce.promotion;

import java.time.Instant;
import java.util.Map;

/**
 * A promotion on a show or one of its slots (table {@code promotion}): a typed activity whose {@code terms} were
 * checked against the commerce rules. {@code ref()} ({@code promo-<id>}) is what the cues carry and the platforms'
 * results name.
 */
public record Promotion(long id, String stationId, String showId, Integer slotPosition, String kind, String title,
                        Map<String, Object> terms, Instant startsAt, String state, Instant rulesPublishedAt, Instant firedAt,
                        String firedBy, String createdBy, Instant createdAt) {

    public static final String FLASH_SALE = "FLASH_SALE";
    public static final String COUPON = "COUPON";
    public static final String RED_ENVELOPE = "RED_ENVELOPE";
    public static final String LOTTERY = "LOTTERY";
    public static final String RESERVATION = "RESERVATION";

    public static final String PLANNED = "PLANNED";
    public static final String FIRED = "FIRED";
    public static final String CANCELLED = "CANCELLED";

    public String ref() {
        return "promo-" + id;
    }

    public static Long idOf(String ref) {
        if (ref == null || !ref.matches("promo-[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(ref.substring("promo-".length()));
    }
}
