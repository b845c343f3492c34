package io.centralkitchen.media.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopyClipTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mp4", "flv"})
    void startsAtTheKeyframeBeforeTheInPointAndKeepsSoundInSync(String format) {
        Path source = TestMedia.small(format);
        Path clip = dir.resolve("clip.mp4");

        ClipResult result = CopyClip.cut(source, TimeRange.ofSeconds(3.3, 7.0), clip, ProgressListener.NONE);

        // keyframes every 2 s (FLV's video starts 21 ms late, behind the AAC priming)
        assertThat(result.sourceStartMicros()).isBetween(2_000_000L, 2_025_000L);
        assertThat(Probe.probe(source).keyframesMicros()).contains(result.sourceStartMicros());
        List<TestMedia.VideoPacket> packets = TestMedia.videoPackets(clip);
        TestMedia.VideoPacket first = packets.stream().min(Comparator.comparingLong(TestMedia.VideoPacket::ptsMicros)).orElseThrow();
        assertThat(first.key()).as("first frame is a keyframe").isTrue();
        assertThat(first.ptsMicros()).isZero();
        MediaInfo info = Probe.probe(clip);
        assertThat(info.durationSeconds()).isBetween(4.9, 5.2); // 2.0 s .. 7.0 s
        assertThat(info.hasAudio()).isTrue();
        long[] starts = TestMedia.firstTimestamps(clip);
        assertThat(Math.abs(starts[1] - starts[0])).as("A/V start difference").isLessThanOrEqualTo(25_000);
    }

    @Test
    void aRangeOutsideTheMediaIsInvalid() {
        assertThatThrownBy(() -> CopyClip.cut(TestMedia.small("mp4"), TimeRange.ofSeconds(10, 20), dir.resolve("x.mp4"),
                ProgressListener.NONE))
                .isInstanceOf(MediaInvalidException.class)
                .hasMessageContaining("lies outside the media, which is 00:00:12.000 long");
    }
}
