package io.centralkitchen.media.live;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Capacity accounting and admission (issue 18): a worker of 1 encoder unit carries a small show with an HLS and a
 * passthrough-sized RTMP destination, refuses a second show with a 720p encoder and a 720p destination added to the
 * first — with a message naming what it needs, what is free and what to do — and gets its units back as destinations
 * and shows go.
 */
class LiveCapacityTest {

    static final OutputProfile SMALL = new OutputProfile(320, 180, 300, 1, "aac", 48000, 96, "crop");
    static final OutputProfile HD = new OutputProfile(1280, 720, 2500, 2, "aac", 48000, 128, "crop");

    @TempDir
    Path dir;
    LiveEngine engine;
    RtmpReceiver platform;

    @AfterEach
    void stop() throws InterruptedException {
        if (engine != null) {
            engine.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void costsAreEncoderUnitsOneFor720p() {
        LiveCapacity capacity = new LiveCapacity(2, 0.25, 0.05);
        assertThat(capacity.encoderUnits(HD)).isEqualTo(1.0);
        assertThat(capacity.encoderUnits(new OutputProfile(720, 1280, 2500, 2, "aac", 48000, 128, "crop"))).isEqualTo(1.0);
        assertThat(capacity.encoderUnits(new OutputProfile(1920, 1080, 4500, 2, "aac", 48000, 128, "crop"))).isEqualTo(2.25);
        assertThat(capacity.encoderUnits(SMALL)).as("at least").isEqualTo(LiveCapacity.MIN_ENCODER_UNITS);
        PlatformPreset hd = new PlatformPreset("hd", "x", Protocol.RTMP, HD);
        assertThat(capacity.showUnits(List.of(hd, hd, hd))).as("three destinations sharing one encoder")
                .isCloseTo(0.25 + 1.0 + 3 * 0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(LiveCapacity.unlimited().limited()).isFalse();
    }

    @Test
    void aShowOrDestinationTheWorkerCannotCarryIsRefusedWithAClearMessage() throws Exception {
        platform = new RtmpReceiver("capacity-key-0123456789").start();
        engine = new LiveEngine(LiveSettings.defaults(dir.resolve("hls")).withX264Preset("ultrafast"), Map.of(
                "web", new PlatformPreset("web", "website", Protocol.HLS, SMALL),
                "small", new PlatformPreset("small", "custom", Protocol.RTMP, SMALL),
                "hd", new PlatformPreset("hd", "custom", Protocol.RTMP, HD)),
                new LiveSecrets(Map.of("out", platform.url)), null, dir, "127.0.0.1", 0, "live", "localhost");
        engine.capacity(new LiveCapacity(1.0, 0.25, 0.05));

        LiveShow first = engine.start(new ShowSpec("station-1", "first", "First", new IngestSpec(IngestSpec.Mode.TEST_PATTERN, null, null),
                List.of(new DestinationSpec("web", "web", null)), false));
        assertThat(engine.capacityFigures().loadUnits()).isEqualTo(0.4); // 0.25 show + 0.1 encoder + 0.05 destination

        assertThatThrownBy(() -> engine.start(new ShowSpec("station-1", "second", "Second",
                new IngestSpec(IngestSpec.Mode.TEST_PATTERN, null, null), List.of(new DestinationSpec("out", "hd", "out")), false)))
                .isInstanceOf(LiveCapacityExceededException.class)
                .hasMessageContaining("cannot carry show 'second' (1 destinations, 1 distinct profiles)")
                .hasMessageContaining("needs 1.30 encoder units and 0.60 of the worker's 1.00 are free")
                .hasMessageContaining("kitchen.live.capacity.units");
        assertThat(engine.show("second")).as("nothing of it started").isEmpty();

        assertThatThrownBy(() -> first.addDestination(new DestinationSpec("hd-out", "hd", "out")))
                .isInstanceOf(LiveCapacityExceededException.class)
                .hasMessageContaining("destination 'hd-out' of show 'first' (preset hd, a new encoder 1280x720@2500k/2s)");
        assertThat(first.destinationIds()).containsExactly("web");

        first.addDestination(new DestinationSpec("small-out", "small", "out")); // shares the small encoder: 0.05
        LiveCapacity.Figures figures = engine.capacityFigures();
        assertThat(figures.loadUnits()).isEqualTo(0.45);
        assertThat(figures.freeUnits()).isEqualTo(0.55);
        assertThat(figures.showUnits()).containsEntry("first", 0.45);

        first.removeDestination("small-out");
        assertThat(engine.capacityFigures().loadUnits()).isEqualTo(0.4);
        engine.stop("first");
        assertThat(engine.capacityFigures().loadUnits()).isZero();
        assertThat(engine.capacityFigures().showUnits()).isEmpty();
    }
}
