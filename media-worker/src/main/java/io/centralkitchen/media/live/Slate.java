package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.Frames;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * What the platforms receive while the studio feed is away: a still picture (a configured image, or a generated
 * "we'll be right back" card with the show's title) and silence. Made once as a YUV picture; each profile scales it.
 */
final class Slate implements AutoCloseable {

    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final int SAMPLE_RATE = 48000;
    static final int SAMPLES_PER_FRAME = 1024;

    private final AVFrame picture;
    private final AVFrame silence;

    Slate(String imageFile, String text, String title) throws IOException {
        BufferedImage card = imageFile != null && !imageFile.isBlank() ? load(imageFile) : card(text, title);
        picture = Frames.fromImage(card);
        silence = Frames.silence(SAMPLE_RATE, SAMPLES_PER_FRAME);
    }

    AVFrame picture() {
        return picture;
    }

    AVFrame silence() {
        return silence;
    }

    private static BufferedImage load(String file) throws IOException {
        BufferedImage image = ImageIO.read(new File(file));
        if (image == null) {
            throw new IOException("The slate image " + file + " is not a PNG or JPEG picture");
        }
        BufferedImage bgr = new BufferedImage(image.getWidth() & ~1, image.getHeight() & ~1, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return bgr;
    }

    private static BufferedImage card(String text, String title) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0x1b, 0x3a, 0x5c));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.WHITE);
        centre(g, new Font(Font.SANS_SERIF, Font.BOLD, 72), text == null ? "We'll be right back" : text, HEIGHT / 2);
        g.setColor(new Color(0xdd, 0xe6, 0xf0));
        centre(g, new Font(Font.SANS_SERIF, Font.PLAIN, 40), title == null ? "" : title, HEIGHT / 2 + 90);
        g.dispose();
        return image;
    }

    private static void centre(Graphics2D g, Font font, String text, int y) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (WIDTH - metrics.stringWidth(text)) / 2, y);
    }

    @Override
    public void close() {
        Frames.free(picture);
        Frames.free(silence);
    }
}
