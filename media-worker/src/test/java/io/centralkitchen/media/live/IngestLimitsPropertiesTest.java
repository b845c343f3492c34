package io.centralkitchen.media.live;

import io.centralkitchen.media.rtmp.IngestLimits;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code kitchen.live.ingest.*} sets the hostile-ingest limits; unset ones keep their defaults. */
class IngestLimitsPropertiesTest {

    static LiveProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("kitchen.live", LiveProperties.class)
                .orElseGet(LiveProperties::new);
    }

    @Test
    void theDefaultsAreIngestLimitsDefaults() {
        assertThat(bind(Map.of()).getIngest().limits()).isEqualTo(IngestLimits.defaults());
    }

    @Test
    void eachLimitIsAProperty() {
        IngestLimits limits = bind(Map.of("kitchen.live.ingest.handshake-timeout", "3s",
                "kitchen.live.ingest.publish-deadline", "8s", "kitchen.live.ingest.max-connections", "32",
                "kitchen.live.ingest.max-pending", "8", "kitchen.live.ingest.max-per-address", "4")).getIngest().limits();

        assertThat(limits.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(limits.publishDeadline()).isEqualTo(Duration.ofSeconds(8));
        assertThat(limits.maxConnections()).isEqualTo(32);
        assertThat(limits.maxPending()).isEqualTo(8);
        assertThat(limits.maxPerAddress()).isEqualTo(4);
        assertThat(limits.beforePublish()).isEqualTo(IngestLimits.BEFORE_PUBLISH);
    }

    @Test
    void limitsThatCannotWorkAreRefusedWithThePropertiesNamed() {
        LiveProperties properties = bind(Map.of("kitchen.live.ingest.handshake-timeout", "20s"));

        assertThatThrownBy(() -> properties.getIngest().limits()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kitchen.live.ingest.*: The publish deadline (PT10S)");
    }
}
