package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.MediaLimits;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kitchen.media.limits.*} and the wall-clock limits of {@code kitchen.media.worker.*}; unset ones keep their defaults. */
class MediaLimitsPropertiesTest {

    static <T> T bind(String prefix, Class<T> type, Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind(prefix, type).orElseGet(() -> {
            try {
                return type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theDefaultsAreMediaLimitsDefaults() {
        assertThat(bind("kitchen.media", MediaProperties.class, Map.of()).mediaLimits()).isEqualTo(MediaLimits.DEFAULTS);
    }

    @Test
    void eachSourceLimitIsAProperty() {
        MediaLimits limits = bind("kitchen.media", MediaProperties.class, Map.of(
                "kitchen.media.limits.max-width", "1920", "kitchen.media.limits.max-height", "1920",
                "kitchen.media.limits.max-duration", "2h", "kitchen.media.limits.max-frame-rate", "60",
                "kitchen.media.limits.max-streams", "4", "kitchen.media.limits.probe-size", "5000000",
                "kitchen.media.limits.analyze-duration", "5s")).mediaLimits();

        assertThat(limits).isEqualTo(new MediaLimits(1920, 1920, Duration.ofHours(2), 60, 4, 5_000_000,
                Duration.ofSeconds(5)));
    }

    @Test
    void wallClockLimitsInGeneralAndPerTopic() {
        WorkerSettings settings = bind("kitchen.media.worker", MediaWorkerProperties.class, Map.of(
                "kitchen.media.worker.max-job-duration", "45m",
                "kitchen.media.worker.max-job-durations[media.transcode]", "3h")).toSettings();

        assertThat(settings.maxJobDuration(MediaTopics.TRANSCODE)).isEqualTo(Duration.ofHours(3));
        assertThat(settings.maxJobDuration(MediaTopics.TEASER)).isEqualTo(Duration.ofMinutes(45));
        assertThat(bind("kitchen.media.worker", MediaWorkerProperties.class, Map.of()).toSettings()
                .maxJobDuration(MediaTopics.PROBE)).isEqualTo(Duration.ofMinutes(10));
    }
}
