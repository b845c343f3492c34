package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import io.centralkitchen.media.ffmpeg.PictureFit;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's clips that sell: a clip's 9:16 rendition in the vertical layout carries the product's name and price in a
 * caption band and the station's watermark, checked on the pixels of a decoded frame — the name's strokes where the
 * caption draws that name (and not another), the price's yellow in the band, the watermark's white in its corner —
 * with nothing of the kind in the same rendition without a caption.
 */
class CaptionedRenditionTest {

    static final String NAME = "山区土蜂蜜 Mountain honey";
    static final String PRICE = "¥68.00";
    static final String MARK = "CK TV";
    static final TranscodeProfile VERTICAL = new TranscodeProfile("test-vertical", 360, 640, PictureFit.LAYOUT, 0, "ultrafast",
            20, 2_000_000, 4_000_000, 1, "high", 96_000, 48_000, 2);

    @TempDir
    Path dir;

    @Test
    void theCaptionBandShowsTheProductsNameAndPriceAndTheWatermark() throws Exception {
        Path source = TestMedia.make("clip-3s.mp4", "mp4", 3, 320, 180, 25, 25);
        MediaOperations ops = MediaOperations.defaults();
        Transcode.Result captioned = ops.captioned(source, VERTICAL, NAME, PRICE, MARK, dir.resolve("vertical.mp4"), ProgressListener.NONE);
        Path plain = ops.transcode(source, VERTICAL, dir.resolve("plain.mp4"), ProgressListener.NONE).file();

        MediaInfo info = captioned.output();
        assertThat(info.video().width()).isEqualTo(360);
        assertThat(info.video().height()).isEqualTo(640);
        assertThat(Math.abs(info.durationMicros() - 3_000_000)).isLessThanOrEqualTo(80_000);
        assertThat(info.hasAudio()).isTrue();

        BufferedImage frame = frameAt(captioned.file(), 1_500_000);
        BufferedImage without = frameAt(plain, 1_500_000);
        var font = TeaserFont.load(null);
        BufferedImage expected = Caption.render(360, 640, font, NAME, PRICE, null, MARK);
        BufferedImage otherName = Caption.render(360, 640, font, "高山云雾绿茶 Green tea", PRICE, null, MARK);
        double name = coverage(frame, expected, 640 * 2 / 3, 640);
        double wrongName = coverage(frame, otherName, 640 * 2 / 3, 640);
        assertThat(name).as("the name's strokes are in the band (%.2f; another name's %.2f)", name, wrongName).isGreaterThan(0.85);
        assertThat(wrongName).as("another name's strokes are not").isLessThan(name - 0.2);
        assertThat(yellow(frame, 640 * 2 / 3, 640)).as("the price in its colour").isGreaterThan(300);
        assertThat(coverage(frame, expected, 0, 640 / 6)).as("the watermark").isGreaterThan(0.8);
        assertThat(yellow(without, 640 * 2 / 3, 640)).as("no caption without one").isZero();
        assertThat(bright(without, 640 * 2 / 3, 640)).as("below the picture the layout is free for the band").isZero();
    }

    /** Of the caption's opaque white pixels in rows [from, to), the share that is bright in the frame. */
    static double coverage(BufferedImage frame, BufferedImage caption, int from, int to) {
        int text = 0;
        int shown = 0;
        for (int y = from; y < to; y++) {
            for (int x = 0; x < caption.getWidth(); x++) {
                int argb = caption.getRGB(x, y);
                Color c = new Color(argb, true);
                if (c.getAlpha() >= 180 && c.getRed() > 230 && c.getGreen() > 230 && c.getBlue() > 230) {
                    text++;
                    if (luma(frame.getRGB(x, y)) > 150) {
                        shown++;
                    }
                }
            }
        }
        assertThat(text).as("the caption has text in rows %d-%d", from, to).isGreaterThan(50);
        return shown / (double) text;
    }

    static int yellow(BufferedImage image, int from, int to) {
        int count = 0;
        for (int y = from; y < to; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() > 200 && c.getGreen() > 170 && c.getBlue() < 90) {
                    count++;
                }
            }
        }
        return count;
    }

    static int bright(BufferedImage image, int from, int to) {
        int count = 0;
        for (int y = from; y < to; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (luma(image.getRGB(x, y)) > 60) {
                    count++;
                }
            }
        }
        return count;
    }

    static int luma(int rgb) {
        Color c = new Color(rgb);
        return (299 * c.getRed() + 587 * c.getGreen() + 114 * c.getBlue()) / 1000;
    }

    static BufferedImage frameAt(Path file, long micros) throws Exception {
        FFmpegRuntime.init();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            grabber.setTimestamp(micros, true);
            BufferedImage image = converter.convert(grabber.grabImage());
            BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            copy.getGraphics().drawImage(image, 0, 0, null);
            grabber.stop();
            return copy;
        }
    }
}
