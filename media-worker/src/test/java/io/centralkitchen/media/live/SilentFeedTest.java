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

/** A studio feed without sound still reaches the platforms with an audio track (silence): they expect one. */
class SilentFeedTest {

    @TempDir
    Path dir;
    LiveEngine engine;
    RtmpReceiver platform;
    StudioPublisher studio;

    @Test
    void aFeedWithoutSoundGoesOutWithSilence() throws Exception {
        platform = new RtmpReceiver("silent-out-key-0123456789").start();
        OutputProfile small = new OutputProfile(320, 180, 300, 1, "aac", 44100, 64, "pad");
        engine = new LiveEngine(LiveSettings.defaults(dir).withX264Preset("ultrafast"),
                Map.of("out", new PlatformPreset("out", "custom", Protocol.RTMP, small)),
                new LiveSecrets(Map.of("studio", "silent-studio-key-42", "out", platform.url)), null, dir, "127.0.0.1",
                0, "live", "localhost");
        LiveShow show = engine.start(new ShowSpec("station-1", "silent", "Silent", new IngestSpec(IngestSpec.Mode.PUBLISH, "studio", null),
                List.of(new DestinationSpec("out", "out", "out")), false));
        studio = new StudioPublisher("rtmp://127.0.0.1:" + engine.ingestPort().orElseThrow() + "/live/silent-studio-key-42", false);

        await().atMost(Duration.ofSeconds(40)).until(() -> show.stats().state().equals("LIVE") && platform.count() > 50
                && !RtmpReceiver.isSlate(platform.last().cornerYuv()));
        int audioBefore = platform.audioPackets();
        await().atMost(Duration.ofSeconds(10)).until(() -> platform.audioPackets() > audioBefore + 40);
        assertThat(platform.last().height()).isEqualTo(180);
    }

    @AfterEach
    void close() throws Exception {
        if (studio != null) {
            studio.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (platform != null) {
            platform.close();
        }
    }
}
