package io.centralkitchen.routes.webhook;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * An event a platform reported through a verified webhook: exactly one of order, complaint, comment, survey,
 * reservation, promotion and audience is set, matching the type.
 *
 * @param platform the platform id of the URL (a configured {@code kitchen.platforms} key)
 * @param station  the station of the URL
 * @param eventId  the platform's id of this event: a redelivery carries the same id
 */
public record PlatformEvent(String platform, String station, String eventId, Type type, Instant occurredAt,
                            Order order, Complaint complaint, Comment comment, SurveyAnswer survey, Reservation reservation,
                            PromotionResult promotion, Audience audience) {

    /** An event of any type but {@code promotion.result} and the audience events. */
    public PlatformEvent(String platform, String station, String eventId, Type type, Instant occurredAt,
                         Order order, Complaint complaint, Comment comment, SurveyAnswer survey, Reservation reservation) {
        this(platform, station, eventId, type, occurredAt, order, complaint, comment, survey, reservation, null, null);
    }

    /** An event of any type but the audience events. */
    public PlatformEvent(String platform, String station, String eventId, Type type, Instant occurredAt,
                         Order order, Complaint complaint, Comment comment, SurveyAnswer survey, Reservation reservation,
                         PromotionResult promotion) {
        this(platform, station, eventId, type, occurredAt, order, complaint, comment, survey, reservation, promotion, null);
    }

    /** An event of any type but {@code reservation.updated}, {@code promotion.result} and the audience events. */
    public PlatformEvent(String platform, String station, String eventId, Type type, Instant occurredAt,
                         Order order, Complaint complaint, Comment comment, SurveyAnswer survey) {
        this(platform, station, eventId, type, occurredAt, order, complaint, comment, survey, null, null, null);
    }

    /** An audience event ({@code viewers.sampled}, {@code likes.added}). */
    public static PlatformEvent audience(String platform, String station, String eventId, Type type, Instant occurredAt,
                                         Audience audience) {
        return new PlatformEvent(platform, station, eventId, type, occurredAt, null, null, null, null, null, null, audience);
    }

    public enum Type {
        ORDER_CREATED("order.created"), ORDER_PAID("order.paid"), ORDER_SHIPPED("order.shipped"),
        ORDER_REFUNDED("order.refunded"), COMPLAINT_OPENED("complaint.opened"), COMPLAINT_UPDATED("complaint.updated"),
        COMMENT_CREATED("comment.created"), SURVEY_ANSWERED("survey.answered"),
        RESERVATION_UPDATED("reservation.updated"), PROMOTION_RESULT("promotion.result"),
        VIEWERS_SAMPLED("viewers.sampled"), LIKES_ADDED("likes.added");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public boolean isOrder() {
            return wireName.startsWith("order.");
        }

        public boolean isComplaint() {
            return wireName.startsWith("complaint.");
        }

        public static Optional<Type> fromWire(String name) {
            return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
        }
    }

    /**
     * @param productId   our product id, when the platform echoes the merchant product code we published with
     * @param refundAmount order.refunded: the amount refunded (defaults to the order amount)
     * @param refundReason order.refunded: the platform's reason code
     */
    public record Order(String orderId, BigDecimal amount, String currency, Integer quantity, Long productId,
                        String sku, String showRef, BigDecimal refundAmount, String refundReason) {
    }

    /** @param reasonCode the platform's reason code (damaged, spoiled, not-as-described, late, ...) */
    public record Complaint(String complaintId, String orderId, Long productId, String reasonCode, String description) {
    }

    public record Comment(String commentId, String text, String author, String showRef) {
    }

    /** @param caseRef the case reference our survey carried; score 1 (bad) to 5 (very good) */
    public record SurveyAnswer(String caseRef, int score, String remark) {
    }

    /**
     * How many viewers have reserved (booked a reminder for) a show's live room on the platform, as the platform
     * counts them now: the latest count replaces the earlier ones.
     *
     * @param showRef the show id the warm-up posts were published with
     */
    public record Reservation(String showRef, long count) {
    }

    /**
     * How a promotion the kitchen started (its {@code promotionRef}, e.g. {@code promo-42}, as the cue carried it) is
     * doing on the platform, as the platform counts it now: the latest count of a metric replaces the earlier ones.
     *
     * @param metric one of {@link #METRICS}
     */
    public record PromotionResult(String promotionRef, String metric, long count) {
        public static final java.util.List<String> METRICS = java.util.List.of("coupons_claimed", "coupons_used",
                "red_envelopes_claimed", "entrants", "prizes_claimed", "reservations");
    }

    /**
     * The audience of a show's live room as the platform counts it at {@code occurredAt}.
     * {@code viewers.sampled}: {@code concurrent} viewers now, and {@code newViewers} who came for the first time since
     * the platform's previous sample. {@code likes.added}: {@code likes} given since the previous report.
     *
     * @param showRef the show id the live room was opened for
     */
    public record Audience(String showRef, Long concurrent, Long newViewers, Long likes) {
    }
}
