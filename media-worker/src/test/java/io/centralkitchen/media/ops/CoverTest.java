package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CoverTest {

    @TempDir
    Path dir;

    @Test
    void jpegOfTheFrameAtATime() throws Exception {
        Cover.Result cover = Cover.at(TestMedia.small("mp4"), 5_000_000, dir.resolve("cover.jpg"));

        assertThat(cover.timeMicros()).isEqualTo(5_000_000);
        BufferedImage image = ImageIO.read(cover.file().toFile());
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(180);
    }

    @Test
    void sharpestFrameOfARangeSkipsTheBlurredPart() throws Exception {
        // 4 s: a soft gradient for the first 2 s (nothing sharp), then fine stripes
        Path source = dir.resolve("soft-then-sharp.mp4");
        FFmpegRuntime.init();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(source.toFile(), 320, 180, 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setFrameRate(25);
            recorder.setGopSize(25);
            recorder.setVideoOption("preset", "ultrafast");
            recorder.start();
            for (int i = 0; i < 100; i++) {
                BufferedImage picture = new BufferedImage(320, 180, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = picture.createGraphics();
                g.setPaint(new GradientPaint(0, 0, Color.DARK_GRAY, 320, 180, Color.LIGHT_GRAY));
                g.fillRect(0, 0, 320, 180);
                if (i >= 50) {
                    g.setColor(Color.BLACK);
                    for (int x = 0; x < 320; x += 4) {
                        g.fillRect(x, 0, 2, 180);
                    }
                }
                g.dispose();
                recorder.record(converter.getFrame(picture));
            }
            recorder.stop();
        }

        Cover.Result cover = Cover.sharpest(source, TimeRange.ofSeconds(0, 4), 8, dir.resolve("sharp.jpg"), ProgressListener.NONE);

        assertThat(cover.timeMicros()).isBetween(2_000_000L, 4_000_000L);
        assertThat(ImageIO.read(cover.file().toFile())).isNotNull();
    }
}
