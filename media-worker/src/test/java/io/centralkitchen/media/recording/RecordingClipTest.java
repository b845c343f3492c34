package io.centralkitchen.media.recording;

import io.centralkitchen.media.ops.ClipResult;
import io.centralkitchen.media.ops.DecodeCheck;
import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.media.ops.Probe;
import io.centralkitchen.media.ops.ProgressListener;
import io.centralkitchen.media.ops.TestMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Instant clips from a recording made the way the live engine records: MPEG-TS segments that start at keyframes,
 * their timestamps carrying the muxer's own offset, placed in program time by an index — here 20 s of test pattern
 * with a keyframe every second, recorded from program time 30 s, in segments of 4 s, with 42–46 s missing (the feed
 * was away).
 */
class RecordingClipTest {

    @TempDir
    static Path dir;
    static List<RecordingClip.Segment> recording;

    @BeforeAll
    static void record() {
        recording = RecordingSegments.split(RecordingSegments.source(), dir, Map.of(3, true));
    }

    @Test
    void aClipStartsAtTheKeyframeAtOrBeforeItsInPointInsideASegment() {
        Path clip = dir.resolve("inside.mp4");

        ClipResult result = RecordingClip.cut(recording, 35_300_000, 39_000_000, clip, ProgressListener.NONE);

        assertThat(result.sourceStartMicros()).as("keyframe at program 35.0 s, not the segment start at 34 s")
                .isBetween(34_999_000L, 35_001_000L);
        assertThat(result.durationMicros()).isBetween(3_990_000L, 4_050_000L);
        List<TestMedia.VideoPacket> packets = TestMedia.videoPackets(clip);
        TestMedia.VideoPacket first = packets.stream().min(Comparator.comparingLong(TestMedia.VideoPacket::ptsMicros)).orElseThrow();
        assertThat(first.key()).isTrue();
        assertThat(first.ptsMicros()).isZero();
        assertThat(packets).hasSize(100); // 35.0 .. 39.0 s at 25 fps
        long[] starts = TestMedia.firstTimestamps(clip);
        assertThat(Math.abs(starts[1] - starts[0])).as("A/V start difference").isLessThanOrEqualTo(25_000);
        assertThat(Probe.probe(clip).hasAudio()).isTrue();
        assertThat(DecodeCheck.decodedFrames(clip)).isEqualTo(100);
    }

    @Test
    void aClipAcrossSegmentsAndAGapKeepsProgramTime() {
        Path clip = dir.resolve("across.mp4");

        ClipResult result = RecordingClip.cut(recording, 40_500_000, 47_500_000, clip, ProgressListener.NONE);

        assertThat(result.sourceStartMicros()).isBetween(39_999_000L, 40_001_000L);
        // 40..42 recorded, 42..46 missing (feed away), 46..47.5 recorded: the gap stays a gap
        List<TestMedia.VideoPacket> packets = TestMedia.videoPackets(clip);
        assertThat(packets).hasSize(50 + 38);
        long jump = 0;
        for (int i = 1; i < packets.size(); i++) {
            jump = Math.max(jump, packets.get(i).ptsMicros() - packets.get(i - 1).ptsMicros());
        }
        assertThat(jump).as("the missing 4 s").isBetween(4_000_000L, 4_100_000L);
    }

    @Test
    void onlyTheSegmentsThatHoldTheRangeAreRead() {
        assertThat(RecordingClip.covering(recording, 35_300_000, 39_000_000)).extracting(RecordingClip.Segment::programStartMillis)
                .containsExactly(34_000L, 38_000L);
        assertThat(RecordingClip.covering(recording, 43_000_000, 44_000_000)).as("inside the gap").isEmpty();
        assertThat(RecordingClip.covering(recording, 43_000_000, 47_000_000)).as("from inside the gap")
                .extracting(RecordingClip.Segment::programStartMillis).containsExactly(46_000L);
        assertThat(RecordingClip.covering(recording, 0, 31_000_000)).extracting(RecordingClip.Segment::programStartMillis)
                .containsExactly(30_000L);
    }

    @Test
    void aRangeOutsideTheRecordingIsInvalid() {
        assertThatThrownBy(() -> RecordingClip.cut(recording, 60_000_000, 70_000_000, dir.resolve("x.mp4"), ProgressListener.NONE))
                .isInstanceOf(MediaInvalidException.class)
                .hasMessageContaining("Nothing was recorded between 00:01:00.000 and 00:01:10.000")
                .hasMessageContaining("the recording covers up to 00:00:50");
        assertThatThrownBy(() -> RecordingClip.cut(recording, 5_000_000, 4_000_000, dir.resolve("y.mp4"), ProgressListener.NONE))
                .isInstanceOf(MediaInvalidException.class).hasMessageContaining("empty or negative");
    }
}
