package io.centralkitchen.media.ops;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A rendition's mark: a short text and/or a picture (a PNG or JPEG logo), in one corner of the frame. A station sets
 * its own and, per platform, another (issue 17: "the station's watermark, configurable per station and platform").
 *
 * @param text   at most 60 characters; null: none
 * @param corner where: top-right (the default), top-left, bottom-left or bottom-right
 * @param image  the logo, drawn at most a quarter of the frame's shorter side wide; null: none
 */
public record Watermark(String text, String corner, BufferedImage image) {

    public static final int MAX_TEXT = 60;
    public static final long MAX_IMAGE_BYTES = 2_000_000;
    public static final int MAX_IMAGE_SIDE = 2_000;
    public static final java.util.List<String> CORNERS = java.util.List.of("top-right", "top-left", "bottom-left", "bottom-right");

    public Watermark {
        text = text == null || text.isBlank() ? null : text.strip();
        if (text != null && text.length() > MAX_TEXT) {
            throw new MediaInvalidException("The watermark may be at most " + MAX_TEXT + " characters long.");
        }
        corner = corner(corner);
    }

    public static Watermark text(String text) {
        return new Watermark(text, null, null);
    }

    public boolean isEmpty() {
        return text == null && image == null;
    }

    public boolean left() {
        return corner.endsWith("left");
    }

    public boolean bottom() {
        return corner.startsWith("bottom");
    }

    /** The corner named (blank: top-right); another name is refused. */
    public static String corner(String name) {
        String c = name == null || name.isBlank() ? "top-right" : name.strip().toLowerCase(Locale.ROOT);
        if (!CORNERS.contains(c)) {
            throw new MediaInvalidException("A watermark's corner is one of " + CORNERS + ", not '"
                    + (c.length() > 20 ? c.substring(0, 20) : c) + "'.");
        }
        return c;
    }

    /** A logo file read within bounds (size, dimensions); what is not a PNG or JPEG picture is refused. */
    public static BufferedImage readImage(Path file) {
        try {
            if (Files.size(file) > MAX_IMAGE_BYTES) {
                throw new MediaInvalidException("A watermark picture may be at most " + MAX_IMAGE_BYTES + " bytes.");
            }
            try (var in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
                var readers = in == null ? null : javax.imageio.ImageIO.getImageReaders(in);
                if (readers == null || !readers.hasNext()) {
                    throw new MediaInvalidException("The watermark picture is not a PNG or JPEG picture.");
                }
                var reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                    if (!format.equals("png") && !format.equals("jpeg")) {
                        throw new MediaInvalidException("The watermark picture is " + format + ", not a PNG or JPEG picture.");
                    }
                    if (reader.getWidth(0) > MAX_IMAGE_SIDE || reader.getHeight(0) > MAX_IMAGE_SIDE) {
                        throw new MediaInvalidException("A watermark picture is at most " + MAX_IMAGE_SIDE + " pixels on a side.");
                    }
                    return reader.read(0);
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException e) {
            throw new MediaInvalidException("The watermark picture cannot be read: " + e.getMessage());
        }
    }
}
