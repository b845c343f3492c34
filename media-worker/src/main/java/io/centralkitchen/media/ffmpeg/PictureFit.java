package io.centralkitchen.media.ffmpeg;

import java.util.Locale;

/**
 * How a picture of another aspect ratio is fitted into an output size: the one place for the geometry, both as a
 * libavfilter graph ({@link #filter}, the renditions of the file operations) and as source and target rectangles for a
 * single scaling step ({@link #place}, the live encoder, which cannot afford a filter graph per profile and frame).
 */
public enum PictureFit {
    /** Scale to fit and pad with black bars (letterbox / pillarbox). */
    PAD,
    /** Scale to fill and cut off what sticks out, keeping the centre. */
    CROP,
    /** Scale to fit over a blurred, filled copy of the same picture (the usual 9:16 look for 16:9 sources). */
    BLUR_PAD,
    /**
     * The vertical layout of a shopping clip: the whole picture scaled to fit, placed high (three tenths of the spare
     * height above it), leaving the lower part of the frame free for the caption band — nothing of the program (its
     * lower third included) is cut off or covered.
     */
    LAYOUT;

    /** "pad", "crop", "blur-pad", "layout" (any case); {@link IllegalArgumentException} with the choices otherwise. */
    public static PictureFit parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown fit '" + value + "': use pad, crop, blur-pad or layout.");
        }
    }

    /** The libavfilter graph that turns a source picture into a {@code w}x{@code h} picture. */
    public String filter(int w, int h) {
        int bw = Math.max(4, w / 16 * 2); // blur canvas: 1/8 of the size, even
        int bh = Math.max(4, h / 16 * 2);
        int radius = Math.max(1, Math.min(8, Math.min(bw, bh) / 4 - 1)); // boxblur's limit on 4:2:0 chroma planes
        return switch (this) {
            case PAD -> "scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease,"
                    + "pad=" + w + ":" + h + ":(ow-iw)/2:(oh-ih)/2:black,setsar=1";
            case CROP -> "scale=" + w + ":" + h + ":force_original_aspect_ratio=increase,crop=" + w + ":" + h + ",setsar=1";
            // The background is blurred at 1/8 size: the same look for a fraction of the cost of blurring full size.
            case BLUR_PAD -> "split=2[bg][fg];[bg]scale=" + bw + ":" + bh + ":force_original_aspect_ratio=increase,"
                    + "crop=" + bw + ":" + bh + ",boxblur=" + radius + ":2,scale=" + w + ":" + h + "[blurred];"
                    + "[fg]scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease[sharp];"
                    + "[blurred][sharp]overlay=(W-w)/2:(H-h)/2,setsar=1";
            case LAYOUT -> "scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease,"
                    + "pad=" + w + ":" + h + ":(ow-iw)/2:(oh-ih)*3/10:black,setsar=1";
        };
    }

    /**
     * Where a {@code w}x{@code h} source goes in a {@code tw}x{@code th} target when scaled in one step: the part of
     * the source that is used ({@code sx, sy, sw, sh}; all of it unless cropping) and the part of the target it fills
     * ({@code dx, dy, dw, dh}; the bars around it stay black). All even, for 4:2:0 chroma. {@link #BLUR_PAD} and
     * {@link #LAYOUT} place like {@link #PAD} here (the one needs a filter graph, the other is for files).
     */
    public Placement place(int w, int h, int tw, int th) {
        int sx = 0, sy = 0, sw = w, sh = h, dx = 0, dy = 0, dw = tw, dh = th;
        if (this == CROP) {
            if ((long) w * th > (long) h * tw) {
                sw = even((int) ((long) h * tw / th));
                sx = even((w - sw) / 2);
            } else {
                sh = even((int) ((long) w * th / tw));
                sy = even((h - sh) / 2);
            }
        } else {
            if ((long) w * th > (long) h * tw) {
                dh = even((int) ((long) tw * h / w));
                dy = even((th - dh) / 2);
            } else {
                dw = even((int) ((long) th * w / h));
                dx = even((tw - dw) / 2);
            }
        }
        return new Placement(sx, sy, sw, sh, dx, dy, dw, dh);
    }

    /** Source rectangle (x, y, width, height) and target rectangle of a one-step fit. */
    public record Placement(int sx, int sy, int sw, int sh, int dx, int dy, int dw, int dh) {
        /** Whether the picture leaves bars in a {@code tw}x{@code th} target. */
        public boolean hasBars(int tw, int th) {
            return dw != tw || dh != th;
        }
    }

    private static int even(int v) {
        return v & ~1;
    }
}
