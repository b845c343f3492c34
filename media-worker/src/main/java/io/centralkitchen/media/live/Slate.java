package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.AvError;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.File;
import java.io.IOException;

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
        picture = toYuv(card);
        silence = avutil.av_frame_alloc();
        silence.format(avutil.AV_SAMPLE_FMT_FLTP).sample_rate(SAMPLE_RATE).nb_samples(SAMPLES_PER_FRAME);
        avutil.av_channel_layout_default(silence.ch_layout(), 2);
        AvError.check(avutil.av_frame_get_buffer(silence, 0), "Cannot allocate the slate's silence");
        avutil.av_samples_set_silence(silence.data(), 0, SAMPLES_PER_FRAME, 2, avutil.AV_SAMPLE_FMT_FLTP);
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

    private static AVFrame toYuv(BufferedImage image) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        AVFrame frame = avutil.av_frame_alloc();
        frame.format(avutil.AV_PIX_FMT_YUV420P).width(w).height(h);
        AvError.check(avutil.av_frame_get_buffer(frame, 0), "Cannot allocate the slate picture");
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        SwsContext sws = swscale.sws_getContext(w, h, avutil.AV_PIX_FMT_BGR24, w, h, avutil.AV_PIX_FMT_YUV420P,
                swscale.SWS_BILINEAR, null, null, (DoublePointer) null);
        // sws_scale reads four plane pointers and strides, whatever the format
        try (BytePointer source = new BytePointer(bgr); PointerPointer<?> src = new PointerPointer<>(4);
             IntPointer stride = new IntPointer(new int[]{w * 3, 0, 0, 0})) {
            src.put(0, source);
            swscale.sws_scale(sws, src, stride, 0, h, frame.data(), frame.linesize());
        } finally {
            swscale.sws_freeContext(sws);
        }
        return frame;
    }

    @Override
    public void close() {
        avutil.av_frame_free(picture);
        avutil.av_frame_free(silence);
    }
}
