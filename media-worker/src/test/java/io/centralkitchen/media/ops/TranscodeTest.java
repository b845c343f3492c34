package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TranscodeTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} from {2}")
    @CsvSource({
            "vertical-720x1280, crop, mp4, 720, 1280",
            "vertical-720x1280, blur-pad, flv, 720, 1280",
            "landscape-720p, pad, mp4, 1280, 720"})
    void producesTheProfile(String name, String fit, String format, int width, int height) {
        Path source = TestMedia.make("four-seconds." + format, format, 4, 320, 180, 25, 25);
        TranscodeProfile profile = TranscodeProfile.defaults().get(name).withFit(TranscodeProfile.parseFit(fit));
        int[] lastPercent = {-1};

        MediaInfo out = Transcode.run(source, profile, dir.resolve("out.mp4"), f -> lastPercent[0] = (int) (f * 100)).output();

        assertThat(out.video().width()).isEqualTo(width);
        assertThat(out.video().height()).isEqualTo(height);
        assertThat(out.video().codec()).isEqualTo("h264");
        assertThat(out.durationSeconds()).isBetween(3.9, 4.1);
        // the keyframe interval of the profile, 2 s (FLV's video starts 21 ms after its sound, and stays so)
        assertThat(out.keyframesMicros().get(0)).isLessThanOrEqualTo(25_000L);
        assertThat(out.keyframesMicros().get(1) - out.keyframesMicros().get(0)).isEqualTo(2_000_000L);
        assertThat(out.audio().sampleRate()).isEqualTo(48_000);
        assertThat(out.audio().layout()).isEqualTo("stereo");
        // in sync: picture and sound start as far apart as in the source (stream start times, edit lists applied)
        MediaInfo in = Probe.probe(source);
        long sourceOffset = in.video().startMicros() - in.audio().startMicros();
        long outputOffset = out.video().startMicros() - out.audio().startMicros();
        assertThat(Math.abs(outputOffset - sourceOffset)).as("A/V offset change").isLessThanOrEqualTo(25_000);
        assertThat(lastPercent[0]).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0} ms into {1}")
    @CsvSource({"40, landscape-720p", "40, vertical-720x1280", "200, vertical-720x1280"})
    void aOneFrameOrVeryShortVideoTranscodes(int millis, String name) throws Exception {
        Path source = dir.resolve("short-" + millis + ".mp4");
        SyntheticSignal.writeFile(source, "mp4", Duration.ofMillis(millis), 320, 180, 25, 25, "short");
        int frames = millis / 40;
        assertThat(TestMedia.videoPackets(source)).hasSize(frames);

        MediaInfo out = Transcode.run(source, TranscodeProfile.defaults().get(name), dir.resolve("rendition.mp4"),
                ProgressListener.NONE).output();

        assertThat(out.video().codec()).isEqualTo("h264");
        assertThat(out.video().width()).isEqualTo(TranscodeProfile.defaults().get(name).width());
        assertThat(TestMedia.videoPackets(dir.resolve("rendition.mp4"))).hasSize(frames);
        assertThat(DecodeCheck.decodedFrames(dir.resolve("rendition.mp4"))).isEqualTo(frames);
    }
}
