package io.centralkitchen.media.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeTest {

    @TempDir
    Path dir;

    @Test
    void describesMp4AndFlv() {
        for (String format : new String[]{"mp4", "flv"}) {
            MediaInfo info = Probe.probe(TestMedia.small(format));

            assertThat(info.durationSeconds()).isBetween(11.9, 13.1);
            assertThat(info.video().codec()).isEqualTo("h264");
            assertThat(info.video().width()).isEqualTo(320);
            assertThat(info.video().height()).isEqualTo(180);
            assertThat(info.video().frameRate()).isCloseTo(25.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(info.audio().codec()).isEqualTo("aac");
            assertThat(info.audio().channels()).isEqualTo(2);
            assertThat(info.audio().layout()).isEqualTo("stereo");
            assertThat(info.keyframesMicros()).hasSize(6);
            assertThat(info.keyframesMicros().get(1) - info.keyframesMicros().get(0)).isEqualTo(2_000_000);
            assertThat(info.summary()).containsEntry("keyframeIntervalSeconds", 2.0).containsEntry("audioLayout", "stereo");
        }
    }

    @Test
    void keyframesAreDisplayTimesAlsoWithBFrames() {
        assertThat(Probe.probe(TestMedia.withBFrames()).keyframesMicros()).startsWith(0L, 2_000_000L, 4_000_000L);
    }

    @Test
    void aTextFileIsNotMedia() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "shopping list: rice, tea, eggs\n".repeat(100));

        assertThatThrownBy(() -> Probe.probe(text)).isInstanceOf(MediaInvalidException.class)
                .hasMessageContaining("not readable as media").hasMessageContaining("upload it again");
    }

    @Test
    void anEmptyFileIsInvalid() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));

        assertThatThrownBy(() -> Probe.probe(empty)).isInstanceOf(MediaInvalidException.class).hasMessageContaining("empty");
    }

    @Test
    void aTruncatedFileIsInvalid() throws Exception {
        byte[] whole = Files.readAllBytes(TestMedia.small("mp4"));
        Path cut = Files.write(dir.resolve("cut.mp4"), java.util.Arrays.copyOf(whole, whole.length / 2)); // index at the end: lost

        assertThatThrownBy(() -> Probe.probe(cut)).isInstanceOf(MediaInvalidException.class).hasMessageContaining("not readable as media");

        byte[] flv = Files.readAllBytes(TestMedia.small("flv"));
        Path cutFlv = Files.write(dir.resolve("cut.flv"), java.util.Arrays.copyOf(flv, flv.length / 2));
        assertThatThrownBy(() -> Probe.probe(cutFlv)).isInstanceOf(MediaInvalidException.class).hasMessageContaining("truncated");
    }

    @Test
    void aTruncatedFastStartFileIsInvalid() throws Exception {
        // index first (+faststart, as every clip we write): only the missing pictures at the end give it away
        Path clip = CopyClip.cut(TestMedia.small("mp4"), TimeRange.ofSeconds(0, 12), dir.resolve("fast.mp4"), ProgressListener.NONE).file();
        byte[] whole = Files.readAllBytes(clip);
        Path cut = Files.write(dir.resolve("fast-cut.mp4"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));

        assertThatThrownBy(() -> Probe.probe(cut)).isInstanceOf(MediaInvalidException.class)
                .hasMessageMatching("(?s).*(truncated|cut off|damaged).*");
    }

    @Test
    void aCorruptHeaderIsInvalid() {
        assertThatThrownBy(() -> Probe.probe(TestMedia.corruptHeader())).isInstanceOf(MediaInvalidException.class);
    }

    @Test
    void soundWithoutPictureIsInvalid() {
        Path audioOnly = TestMedia.audioOnly();

        assertThatThrownBy(() -> Probe.probe(audioOnly)).isInstanceOf(MediaInvalidException.class)
                .hasMessageContaining("no video stream (found: audio)");
        assertThat(Probe.probe(audioOnly, false).hasAudio()).isTrue();
    }
}
