package io.centralkitchen.routes.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The audience events of issue 17 ({@code viewers.sampled}, {@code likes.added}): read exactly, refused naming the field. */
class AudienceEventParserTest {

    final PlatformEventParser parser = new PlatformEventParser();

    PlatformEvent parse(String json) {
        return parser.parse("douyin", "station-1", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void viewerSamplesAndLikesAreRead() {
        PlatformEvent viewers = parse("{\"eventId\":\"v-1\",\"type\":\"viewers.sampled\",\"occurredAt\":\"2025-05-01T10:00:00Z\","
                + "\"viewers\":{\"showRef\":\"harvest-2026\",\"concurrent\":1200,\"newViewers\":35}}");
        assertThat(viewers.type()).isEqualTo(PlatformEvent.Type.VIEWERS_SAMPLED);
        assertThat(viewers.audience()).isEqualTo(new PlatformEvent.Audience("harvest-2026", 1200L, 35L, null));
        PlatformEvent likes = parse("{\"eventId\":\"l-1\",\"type\":\"likes.added\",\"occurredAt\":\"2025-05-01T10:00:00Z\","
                + "\"likes\":{\"showRef\":\"harvest-2026\",\"count\":80}}");
        assertThat(likes.audience()).isEqualTo(new PlatformEvent.Audience("harvest-2026", null, null, 80L));
    }

    @Test
    void badAudienceEventsAreRefusedNamingTheField() {
        refused("\"viewers\":{\"showRef\":\"s\"}", "viewers.sampled", "viewers.concurrent");
        refused("\"viewers\":{\"showRef\":\"s\",\"concurrent\":-1}", "viewers.sampled", "viewers.concurrent");
        refused("\"viewers\":{\"showRef\":\"s\",\"concurrent\":5,\"newViewers\":1.5}", "viewers.sampled", "viewers.newViewers");
        refused("\"viewers\":{\"concurrent\":5}", "viewers.sampled", "viewers.showRef");
        refused("\"likes\":{\"showRef\":\"s\",\"count\":10000000000000}", "likes.added", "likes.count");
        refused("\"viewers\":{\"showRef\":\"s\",\"concurrent\":5}", "likes.added", "likes");
    }

    void refused(String section, String type, String field) {
        WebhookRefusedException e = catchThrowableOfType(WebhookRefusedException.class, () -> parse("{\"eventId\":\"x-1\",\"type\":\""
                + type + "\",\"occurredAt\":\"2025-05-01T10:00:00Z\"," + section + "}"));
        assertThat(e).as(section).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
    }
}
