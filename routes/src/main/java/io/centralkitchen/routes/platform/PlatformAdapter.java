package io.centralkitchen.routes.platform;

import java.math.BigDecimal;

/**
 * What the kitchen asks of a platform, whatever its kind, on one station's account. Every call returns the platform's
 * reference for what was created (post id, clip id, cue id, ...). Calls are rate-limited per account, retried with
 * backoff on transient failures and short-circuited while the platform keeps failing.
 * <p>
 * Every request carries an idempotency key derived from business ids (e.g. {@code case:station-1:douyin:c-42:resolution}),
 * so a retried call does not publish twice on platforms that honour it.
 *
 * @throws PlatformRefusedException   the platform answered and said no (bad input, unknown SKU, ...): retrying the
 *                                    same request will not help; the message holds the platform's answer
 * @throws PlatformUnavailableException the platform did not answer usefully after the retries, or its circuit breaker
 *                                    is open: try again later
 */
public interface PlatformAdapter {

    /** The account's platform id (unique within its station). */
    String platformId();

    /** The station whose account this adapter speaks for. */
    String stationId();

    /** The {@link PlatformAccount#version()} the adapter was built from. */
    String version();

    PlatformKind kind();

    /** A post on the station's account: text and a link to an image or video. */
    String publishPost(Post post);

    /** A highlight clip with the product it sells. */
    String publishClip(Clip clip);

    /** A cue during a live show: pin a product, start or stop a flash sale, hand out a coupon. */
    String sendCommerceCue(CommerceCue cue);

    /** The resolution of an after-sales case, answered on the platform's after-sales ticket. */
    String sendCaseResolution(CaseResolution resolution);

    /** A satisfaction survey to the customer of a closed case. */
    String sendSatisfactionSurvey(SatisfactionSurvey survey);

    record Post(String station, String idempotencyKey, String text, String mediaUrl) {
    }

    record Clip(String station, String idempotencyKey, String title, String mediaUrl, String sku, BigDecimal price,
                String currency, String productUrl) {
    }

    enum CueType {
        PIN_PRODUCT, START_FLASH_SALE, STOP_FLASH_SALE, COUPON, RED_ENVELOPE, LOTTERY, RESERVATION
    }

    /**
     * @param liveRoomId the platform's live room of the show
     * @param sku        the product's SKU on the platform (all cues)
     * @param price      flash-sale price (START_FLASH_SALE)
     * @param couponCode coupon (COUPON)
     * @param promotionRef the kitchen's promotion (e.g. {@code promo-42}) a COUPON, RED_ENVELOPE, LOTTERY or RESERVATION
     *                     cue starts: the platform's results webhooks ({@code promotion.result}) name it; for these
     *                     cues {@code price} is the amount at stake (red envelope total, lottery top prize)
     */
    record CommerceCue(String station, String idempotencyKey, CueType type, String liveRoomId, String sku,
                       BigDecimal price, String couponCode, String promotionRef) {

        public CommerceCue(String station, String idempotencyKey, CueType type, String liveRoomId, String sku,
                           BigDecimal price, String couponCode) {
            this(station, idempotencyKey, type, liveRoomId, sku, price, couponCode, null);
        }
    }

    enum ResolutionType {
        REFUND, REPLACE, EXPLAIN
    }

    /**
     * @param caseRef     our case reference (the process business key)
     * @param ticketId    the platform's complaint id, or the order id when the case started from a refund
     * @param refundAmount for REFUND; null means the full order amount
     */
    record CaseResolution(String station, String idempotencyKey, String caseRef, String ticketId, String orderId,
                          ResolutionType type, BigDecimal refundAmount, String message) {
    }

    /** The platform answers with a {@code survey.answered} webhook carrying {@code caseRef}. */
    record SatisfactionSurvey(String station, String idempotencyKey, String caseRef, String orderId, String question) {
    }
}
