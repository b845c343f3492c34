package io.centralkitchen.media.ops;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmartCutTest {

    static final long FRAME = 40_000; // 25 fps

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}-{2} s")
    @CsvSource({
            "small.mp4, 3.3, 9.1",   // head, copied middle (4-8 s), tail
            "small.flv, 1.0, 6.52",  // FLV source, MP4 out
            "bframes, 2.5, 7.7",     // B-frames in the copied middle
            "small.mp4, 4.0, 8.0",   // both points on keyframes: nothing re-encoded
            "small.mp4, 4.5, 5.5",   // inside one GOP: all re-encoded
            "long-gop, 0.52, 9.3"})  // a long head: the encoder hands out packets before the head ends
    void isFrameAccurateAndInSync(String name, double in, double out) {
        Path source = switch (name) {
            case "bframes" -> TestMedia.withBFrames();
            case "long-gop" -> TestMedia.make("long-gop.mp4", "mp4", 12, 320, 180, 25, 100);
            default -> TestMedia.small(name.substring(name.indexOf('.') + 1));
        };
        Path clip = dir.resolve("smart.mp4");

        ClipResult result = SmartCut.cut(source, TimeRange.ofSeconds(in, out), clip, EdgeEncoding.DEFAULT, ProgressListener.NONE);

        long requested = Math.round((out - in) * 1e6);
        MediaInfo info = Probe.probe(clip);
        List<TestMedia.VideoPacket> packets = TestMedia.videoPackets(clip);
        long firstPts = packets.stream().mapToLong(TestMedia.VideoPacket::ptsMicros).min().orElseThrow();
        long lastPts = packets.stream().mapToLong(TestMedia.VideoPacket::ptsMicros).max().orElseThrow();
        long videoDuration = lastPts - firstPts + FRAME;
        assertThat(firstPts).as("the clip's first frame is shown at 0").isZero();
        assertThat(Math.abs(videoDuration - requested)).as("video duration %d vs requested %d", videoDuration, requested)
                .isLessThanOrEqualTo(FRAME);
        assertThat(packets.stream().min(Comparator.comparingLong(TestMedia.VideoPacket::ptsMicros)).orElseThrow().key()).isTrue();
        assertThat(info.hasAudio()).isTrue();
        long[] starts = TestMedia.firstTimestamps(clip);
        assertThat(Math.abs(starts[1] - starts[0])).as("A/V start difference").isLessThanOrEqualTo(25_000);
        assertThat(DecodeCheck.decodedFrames(clip)).as("every frame decodes").isEqualTo(packets.size());
        if (in == 4.0 && out == 8.0) {
            assertThat(result.reencodedMicros()).isZero();
        } else {
            assertThat(result.reencodedMicros()).isPositive().isLessThan(requested + FRAME);
        }
    }
}
