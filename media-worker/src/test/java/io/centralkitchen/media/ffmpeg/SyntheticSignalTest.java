package io.centralkitchen.media.ffmpeg;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticSignalTest {

    @TempDir
    Path dir;

    @Test
    void writesPlayableH264AacInMp4AndFlv() throws Exception {
        for (String format : new String[]{"mp4", "flv"}) {
            Path file = dir.resolve("signal." + format);

            SyntheticSignal.writeFile(file, format, Duration.ofSeconds(2), 320, 180, 25, 25, "test");

            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
                grabber.start();
                assertThat(grabber.getVideoCodecName()).isEqualTo("h264");
                assertThat(grabber.getAudioCodecName()).isEqualTo("aac");
                assertThat(grabber.getImageWidth()).isEqualTo(320);
                assertThat(grabber.getAudioChannels()).isEqualTo(2);
                if (format.equals("mp4")) { // FLV's onMetaData duration is not exact; the frame count below is
                    assertThat(grabber.getLengthInTime()).isBetween(1_900_000L, 2_100_000L);
                }
                int pictures = 0;
                Frame frame;
                while ((frame = grabber.grabImage()) != null) {
                    pictures++;
                }
                assertThat(pictures).isBetween(49, 51);
                grabber.stop();
            }
        }
    }
}
