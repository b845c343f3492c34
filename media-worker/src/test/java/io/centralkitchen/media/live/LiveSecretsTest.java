package io.centralkitchen.media.live;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveSecretsTest {

    @Test
    void pushUrlsAreShownWithHostAndTheKeysLastFourCharactersOnly() {
        assertThat(LiveSecrets.maskUrl("rtmp://live-push.example/live/stream-4f9c2d8e7a1b2"))
                .isEqualTo("rtmp://live-push.example/…/****a1b2");
        assertThat(LiveSecrets.maskUrl("rtmps://user:pw@push.example:443/app/key-123456789?auth=abcdef"))
                .startsWith("rtmps://push.example:443/…/****").doesNotContain("user").doesNotContain("pw@")
                .doesNotContain("key-1234");
        assertThat(LiveSecrets.maskUrl("just-a-bare-key-1234")).isEqualTo("****1234");
    }

    @Test
    void everyConfiguredSecretIsRedactedFromFreeText() {
        LiveSecrets secrets = new LiveSecrets(Map.of("douyin", "rtmp://push.douyin.example/third/stream-key-77aa88bb"));

        String line = "Cannot connect to rtmp://push.douyin.example/third/stream-key-77aa88bb; server said stream-key-77aa88bb unknown";

        assertThat(LiveSecrets.redact(line)).doesNotContain("stream-key-77aa88bb")
                .contains("rtmp://push.douyin.example/…/****88bb");
        assertThat(secrets.masked("douyin")).isEqualTo("rtmp://push.douyin.example/…/****88bb");
        assertThatThrownBy(() -> secrets.resolve("kuaishou")).hasMessageContaining("kitchen.live.secrets.kuaishou");
    }

    @Test
    void aLookedUpSecretIsReadAtEachUseAndRememberedForRedaction() {
        Map<String, String> vault = new java.util.concurrent.ConcurrentHashMap<>(Map.of("douyin", "rtmp://a.example/live/first-key-1111"));
        LiveSecrets secrets = LiveSecrets.lookingUp(vault::get, "PUT it into the vault as <id>");

        assertThat(secrets.resolve("douyin")).endsWith("first-key-1111");
        vault.put("douyin", "rtmp://a.example/live/rotated-key-2222");
        assertThat(secrets.resolve("douyin")).as("a rotation is seen at the next use").endsWith("rotated-key-2222");
        assertThat(LiveSecrets.redact("failed: rotated-key-2222")).doesNotContain("rotated-key-2222");
        assertThat(secrets.contains("kuaishou")).isFalse();
        assertThatThrownBy(() -> secrets.resolve("kuaishou")).hasMessageContaining("PUT it into the vault as kuaishou");
    }
}
