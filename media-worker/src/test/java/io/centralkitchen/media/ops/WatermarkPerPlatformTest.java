package io.centralkitchen.media.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static io.centralkitchen.media.ops.CaptionedRenditionTest.VERTICAL;
import static io.centralkitchen.media.ops.CaptionedRenditionTest.coverage;
import static io.centralkitchen.media.ops.CaptionedRenditionTest.frameAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17's watermark per platform: the same clip rendered for two platforms with different marks — one a text in the
 * top left corner, the other a logo (a generated magenta square) with a text in the bottom right — each rendition
 * carries its own mark where it was asked for and not the other's, checked on the pixels of decoded frames.
 */
class WatermarkPerPlatformTest {

    @TempDir
    Path dir;

    @Test
    void eachPlatformsRenditionCarriesItsOwnMarkInItsCorner() throws Exception {
        Path source = TestMedia.make("clip-2s.mp4", "mp4", 2, 320, 180, 25, 25);
        MediaOperations ops = MediaOperations.defaults();
        BufferedImage logo = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(new Color(255, 0, 255));
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        Path logoFile = dir.resolve("logo.png");
        javax.imageio.ImageIO.write(logo, "png", logoFile.toFile());

        Watermark douyin = new Watermark("DY CK TV", "top-left", null);
        Watermark bilibili = new Watermark("BL CK TV", "bottom-right", Watermark.readImage(logoFile));
        BufferedImage a = frameAt(ops.captioned(source, VERTICAL, "Honey", "¥68.00", douyin, dir.resolve("douyin.mp4"),
                ProgressListener.NONE).file(), 1_000_000);
        BufferedImage b = frameAt(ops.captioned(source, VERTICAL, "Honey", "¥68.00", bilibili, dir.resolve("bilibili.mp4"),
                ProgressListener.NONE).file(), 1_000_000);

        var font = TeaserFont.load(null);
        BufferedImage markA = Caption.render(360, 640, font, null, null, null, douyin);
        BufferedImage markB = Caption.render(360, 640, font, null, null, null, bilibili);
        assertThat(coverage(a, markA, 0, 640 / 6)).as("Douyin's text in the top left").isGreaterThan(0.8);
        assertThat(coverage(b, markA, 0, 640 / 6)).as("not on Bilibili's rendition").isLessThan(0.3);
        assertThat(coverage(b, markB, 640 * 9 / 10, 640)).as("Bilibili's text at the bottom").isGreaterThan(0.8);
        assertThat(magenta(b, 180, 360, 640 * 9 / 10, 640)).as("Bilibili's logo in the bottom right").isGreaterThan(400);
        // (the test picture has magenta bars of its own: the logo is looked for below the picture, where the layout is free)
        assertThat(magenta(b, 0, 180, 640 * 9 / 10, 640)).as("not in the other bottom corner").isZero();
        assertThat(magenta(a, 0, 360, 640 * 9 / 10, 640)).as("not on Douyin's rendition").isZero();
    }

    @Test
    void aCornerOrPictureThatIsNoneIsRefused() throws Exception {
        assertThatThrownBy(() -> new Watermark("x", "middle", null)).isInstanceOf(MediaInvalidException.class)
                .hasMessageContaining("corner");
        Path notAPicture = dir.resolve("logo.png");
        java.nio.file.Files.writeString(notAPicture, "<svg/>");
        assertThatThrownBy(() -> Watermark.readImage(notAPicture)).isInstanceOf(MediaInvalidException.class)
                .hasMessageContaining("not a PNG or JPEG");
    }

    static int magenta(BufferedImage image, int x0, int x1, int y0, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() > 200 && c.getBlue() > 200 && c.getGreen() < 80) {
                    count++;
                }
            }
        }
        return count;
    }
}
