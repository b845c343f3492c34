package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.OptionalLong;

/**
 * A wall-clock timecode burnt into a picture, machine-readable after encoding: a row of 56 square blocks along the top
 * of the picture (right of the corner {@link SyntheticSignal#withCorner} paints), white for 1 and black for 0 — 48 bits
 * of milliseconds since the epoch, most significant first, then 8 check bits (the XOR of its 6 bytes) — on a black band.
 * Sizes are relative to the picture's width (a block is width/64: 20 px at 1280, 10 px at 640), so a scaled copy reads
 * as well as the original. Measures glass-to-glass latency: the reader's clock at arrival minus the burnt time.
 * {@link #burn} draws it (the test pattern, {@link SyntheticSignal#withTimecode}); {@link #read} reads it back from a
 * decoded picture.
 */
public final class TimecodeReader {

    static final int BITS = 48;
    static final int CHECK_BITS = 8;
    private static final int BLOCKS = BITS + CHECK_BITS;
    /** First block's left edge, in blocks (the corner square is 6 blocks wide on a 16:9 picture). */
    private static final int FIRST = 7;
    private static final int ONE = 160;
    private static final int ZERO = 96;

    private TimecodeReader() {
    }

    /** Burns {@code millis} into a picture {@code width} wide drawn by {@code g}. */
    public static void burn(Graphics2D g, int width, long millis) {
        double u = width / 64.0;
        g.setColor(Color.BLACK);
        g.fillRect((int) Math.floor((FIRST - 0.5) * u), 0, (int) Math.ceil((BLOCKS + 1) * u), (int) Math.ceil(3 * u));
        g.setColor(Color.WHITE);
        long word = (millis & ((1L << BITS) - 1)) << CHECK_BITS | check(millis);
        for (int i = 0; i < BLOCKS; i++) {
            if ((word >>> (BLOCKS - 1 - i) & 1) == 1) {
                int x0 = (int) Math.round((FIRST + i) * u);
                int x1 = (int) Math.round((FIRST + i + 1) * u);
                g.fillRect(x0, (int) Math.round(u), x1 - x0, (int) Math.round(2 * u) - (int) Math.round(u));
            }
        }
    }

    /**
     * The milliseconds burnt into a decoded picture (planar YUV: its luma plane is read), or empty when there is none
     * or it is unreadable (a block neither clearly white nor clearly black, or the check bits disagree).
     */
    public static OptionalLong read(AVFrame picture) {
        int format = picture.format();
        boolean planarYuv = format == avutil.AV_PIX_FMT_YUV420P || format == avutil.AV_PIX_FMT_YUVJ420P
                || format == avutil.AV_PIX_FMT_YUV422P || format == avutil.AV_PIX_FMT_YUV444P
                || format == avutil.AV_PIX_FMT_NV12;
        int width = picture.width();
        if (!planarYuv || width < 128 || picture.height() < width / 16 || picture.data(0) == null) {
            return OptionalLong.empty();
        }
        double u = width / 64.0;
        int stride = picture.linesize(0);
        int y0 = (int) Math.round(1.25 * u);
        int y1 = Math.max(y0 + 1, (int) Math.round(1.75 * u));
        long word = 0;
        for (int i = 0; i < BLOCKS; i++) {
            int x0 = (int) Math.round((FIRST + i + 0.25) * u);
            int x1 = Math.max(x0 + 1, (int) Math.round((FIRST + i + 0.75) * u));
            long sum = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    sum += picture.data(0).get((long) y * stride + x) & 0xff;
                }
            }
            long mean = sum / ((long) (y1 - y0) * (x1 - x0));
            if (mean >= ONE) {
                word = word << 1 | 1;
            } else if (mean <= ZERO) {
                word <<= 1;
            } else {
                return OptionalLong.empty();
            }
        }
        long millis = word >>> CHECK_BITS;
        return millis > 0 && (word & 0xff) == check(millis) ? OptionalLong.of(millis) : OptionalLong.empty();
    }

    private static long check(long millis) {
        long x = 0;
        for (int b = 0; b < BITS / 8; b++) {
            x ^= millis >>> (8 * b) & 0xff;
        }
        return x;
    }
}
