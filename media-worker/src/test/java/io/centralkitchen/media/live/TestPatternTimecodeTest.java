package io.centralkitchen.media.live;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rehearsal measures its latency: the test pattern's pictures reach a platform re-encoded (640x360 feed, 1280x720
 * low-latency profile) with the wall clock of their making still readable, so the platform's clock minus the timecode
 * is the engine's glass-to-glass latency — here well under a second (bench/latency measures it properly).
 */
class TestPatternTimecodeTest {

    @TempDir
    Path dir;
    LiveEngine engine;
    RtmpReceiver platform;

    @Test
    void theTestPatternCarriesAReadableWallClockToThePlatform() throws Exception {
        platform = new RtmpReceiver("timecode-out-key-0123456789").start();
        engine = new LiveEngine(LiveSettings.defaults(dir.resolve("hls")).withX264Preset("ultrafast"),
                Map.of("out", new PlatformPreset("out", "custom", Protocol.RTMP,
                        new OutputProfile(1280, 720, 2500, 2, "aac", 48000, 128, "crop"))),
                new LiveSecrets(Map.of("out", platform.url)), null, dir, "127.0.0.1", 0, "live", "localhost");
        engine.start(new ShowSpec("station-1", "rehearsal", "Rehearsal", new IngestSpec(IngestSpec.Mode.TEST_PATTERN, null, null),
                List.of(new DestinationSpec("out", "out", "out")), false));

        await().atMost(Duration.ofSeconds(60)).until(() -> platform.pictures().stream()
                .filter(p -> p.timecodeMillis() > 0).count() >= 50);

        List<RtmpReceiver.Picture> timed = platform.pictures().stream().filter(p -> p.timecodeMillis() > 0).toList();
        RtmpReceiver.Picture last = timed.get(timed.size() - 1);
        assertThat(last.width()).isEqualTo(1280);
        assertThat(last.receivedAtMillis() - last.timecodeMillis()).as("latency of the last picture, ms").isBetween(0L, 1_000L);
        for (int i = 1; i < timed.size(); i++) { // one picture every 40 ms of wall clock
            assertThat(timed.get(i).timecodeMillis()).isGreaterThan(timed.get(i - 1).timecodeMillis());
        }
    }

    @AfterEach
    void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (platform != null) {
            platform.close();
        }
    }
}
