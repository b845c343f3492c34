package io.centralkitchen.media.worker;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerSettingsTest {

    static WorkerSettings settings(Duration maxJobDuration, Map<String, Duration> perTopic) {
        return new WorkerSettings("w", 1, Duration.ofMinutes(1), null, 3, Duration.ofSeconds(30), Duration.ofMinutes(10),
                Duration.ofSeconds(5), MediaTopics.ALL, Path.of("target/w"), maxJobDuration, perTopic);
    }

    @Test
    void everyTopicHasAWallClockLimitBuiltIn() {
        WorkerSettings defaults = settings(null, Map.of());

        assertThat(defaults.maxJobDuration(MediaTopics.PROBE)).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.maxJobDuration(MediaTopics.TRANSCODE)).isEqualTo(Duration.ofHours(2));
        assertThat(MediaTopics.ALL).allMatch(topic -> defaults.maxJobDuration(topic).compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aTopicsLimitOverridesTheGeneralOneWhichOverridesTheBuiltIn() {
        WorkerSettings set = settings(Duration.ofMinutes(45), Map.of(MediaTopics.TRANSCODE, Duration.ofHours(3)));

        assertThat(set.maxJobDuration(MediaTopics.TRANSCODE)).isEqualTo(Duration.ofHours(3));
        assertThat(set.maxJobDuration(MediaTopics.PROBE)).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void aLimitMustBePositive() {
        assertThatThrownBy(() -> settings(Duration.ZERO, Map.of())).hasMessageContaining("max-job-duration");
        assertThatThrownBy(() -> settings(null, Map.of(MediaTopics.CLIP, Duration.ofSeconds(-1))))
                .hasMessageContaining(MediaTopics.CLIP);
    }

    @Test
    void limitsReadAsAPersonWritesThem() {
        assertThat(JobRunner.human(Duration.ofHours(2))).isEqualTo("2 h");
        assertThat(JobRunner.human(Duration.ofMinutes(30))).isEqualTo("30 min");
        assertThat(JobRunner.human(Duration.ofSeconds(1))).isEqualTo("1 s");
        assertThat(JobRunner.human(Duration.ofMillis(800))).isEqualTo("800 ms");
    }
}
