package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TeaserTest {

    static final String RICE = "本地有机大米";

    @TempDir
    Path dir;

    @Test
    void joinsClipsWithFadesIntoTheProfile() throws Exception {
        Path mp4 = TestMedia.small("mp4");
        Path flv = TestMedia.small("flv");
        TeaserSpec spec = new TeaserSpec(List.of(
                new TeaserSpec.Part(mp4, TimeRange.ofSeconds(1, 3), RICE, "¥39.90"),
                new TeaserSpec.Part(flv, TimeRange.ofSeconds(5, 7), "高山云雾绿茶", "¥128.00"),
                new TeaserSpec.Part(mp4, TimeRange.ofSeconds(8, 10), "土鸡蛋 30枚", "¥45.00")),
                TranscodeProfile.defaults().get("vertical-720x1280"), "12月1日 20:00 直播", 400_000, null);

        Teaser.Result result = Teaser.render(spec, dir.resolve("teaser.mp4"), ProgressListener.NONE);

        MediaInfo info = Probe.probe(result.file());
        long expected = 3 * 2_000_000 - 2 * 400_000;
        assertThat(Math.abs(info.durationMicros() - expected)).as("duration %d", info.durationMicros()).isLessThanOrEqualTo(40_000);
        assertThat(info.video().width()).isEqualTo(720);
        assertThat(info.video().height()).isEqualTo(1280);
        assertThat(info.hasAudio()).isTrue();
        long[] starts = TestMedia.firstTimestamps(result.file());
        assertThat(Math.abs(starts[1] - starts[0])).isLessThanOrEqualTo(25_000);
        assertThat(Math.abs(info.audio().startMicros() + audioDuration(result.file()) - info.durationMicros()))
                .as("sound lasts as long as the picture").isLessThanOrEqualTo(50_000);
        assertThat(textPixelsInPriceBand(result.file(), 800_000)).as("caption drawn").isGreaterThan(500);
    }

    @Test
    void theDefaultFontDrawsChineseNotTofu() {
        Font font = TeaserFont.load(null).deriveFont(48f);

        assertThat(font.canDisplayUpTo(RICE + " ¥39.90 12月1日 20:00")).isEqualTo(-1);
        int[] rice = glyphs(font, "本");
        int[] missing = glyphs(font, "\uE000"); // private use: the font's missing-glyph box
        assertThat(Arrays.stream(rice).sum()).as("ink").isGreaterThan(100);
        assertThat(rice).as("the glyph of 本 is not the missing-glyph box").isNotEqualTo(missing);
        assertThat(glyphs(font, "本")).isNotEqualTo(glyphs(font, "米"));
    }

    private static int[] glyphs(Font font, String text) {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.setFont(font);
        g.drawString(text, 4, 52);
        g.dispose();
        int[] pixels = image.getRaster().getPixels(0, 0, 64, 64, (int[]) null);
        return Arrays.stream(pixels).map(p -> p > 128 ? 1 : 0).toArray();
    }

    /** Bright yellow pixels (the price colour) in the lower third of the picture at {@code micros}. */
    private static int textPixelsInPriceBand(Path file, long micros) throws Exception {
        FFmpegRuntime.init();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            grabber.setTimestamp(micros, true);
            Frame frame = grabber.grabImage();
            BufferedImage image = converter.convert(frame);
            int count = 0;
            for (int y = image.getHeight() * 2 / 3; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    Color c = new Color(image.getRGB(x, y));
                    if (c.getRed() > 200 && c.getGreen() > 170 && c.getBlue() < 90) {
                        count++;
                    }
                }
            }
            grabber.stop();
            return count;
        }
    }

    private static long audioDuration(Path file) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            long samples = 0;
            int rate = grabber.getSampleRate();
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) { // planar (one buffer per channel) or interleaved
                samples += frame.samples.length > 1 ? frame.samples[0].limit() : frame.samples[0].limit() / frame.audioChannels;
            }
            grabber.stop();
            return samples * 1_000_000L / rate;
        }
    }
}
