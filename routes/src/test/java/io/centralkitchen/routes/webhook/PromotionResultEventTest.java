package io.centralkitchen.routes.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a platform reports about a promotion the kitchen started: the latest count of one metric. */
class PromotionResultEventTest {

    final PlatformEventParser parser = new PlatformEventParser();

    PlatformEvent parse(String promotion) {
        return parser.parse("douyin", "station-1", ("{\"eventId\":\"p-1\",\"type\":\"promotion.result\","
                + "\"occurredAt\":\"2026-05-01T10:00:00Z\"" + (promotion == null ? "" : ",\"promotion\":" + promotion) + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aResultNamesThePromotionAndTheMetric() {
        PlatformEvent event = parse("{\"promotionRef\":\"promo-42\",\"metric\":\"coupons_claimed\",\"count\":318}");
        assertThat(event.type()).isEqualTo(PlatformEvent.Type.PROMOTION_RESULT);
        assertThat(event.promotion()).isEqualTo(new PlatformEvent.PromotionResult("promo-42", "coupons_claimed", 318));
        assertThat(event.reservation()).isNull();
    }

    @Test
    void anUnknownMetricANegativeCountOrNoSectionIsRefusedNamingTheField() {
        assertThatThrownBy(() -> parse("{\"promotionRef\":\"promo-42\",\"metric\":\"likes\",\"count\":3}"))
                .isInstanceOfSatisfying(WebhookRefusedException.class, e -> assertThat(e.field()).isEqualTo("promotion.metric"));
        assertThatThrownBy(() -> parse("{\"promotionRef\":\"promo-42\",\"metric\":\"entrants\",\"count\":-1}"))
                .isInstanceOfSatisfying(WebhookRefusedException.class, e -> assertThat(e.field()).isEqualTo("promotion.count"));
        assertThatThrownBy(() -> parse("{\"promotionRef\":\"promo 42!\",\"metric\":\"entrants\",\"count\":1}"))
                .isInstanceOfSatisfying(WebhookRefusedException.class, e -> assertThat(e.field()).isEqualTo("promotion.promotionRef"));
        assertThatThrownBy(() -> parse(null))
                .isInstanceOfSatisfying(WebhookRefusedException.class, e -> assertThat(e.field()).isEqualTo("promotion"));
    }
}
