package io.centralkitchen.media.ops;

import java.nio.file.Path;
import java.util.List;

/**
 * What a teaser is made of: parts (a range of a source, with the product name and price shown over it), the show's
 * date and time shown throughout, the rendition profile, the length of the cross-fades between parts, and the
 * station's watermark (a short text in the top right corner; none if blank).
 */
public record TeaserSpec(List<Part> parts, TranscodeProfile profile, String showLine, long fadeMicros, String fontLocation,
                         String watermark) {

    /** A teaser without a watermark. */
    public TeaserSpec(List<Part> parts, TranscodeProfile profile, String showLine, long fadeMicros, String fontLocation) {
        this(parts, profile, showLine, fadeMicros, fontLocation, null);
    }

    public record Part(Path source, TimeRange range, String title, String price) {
    }

    public TeaserSpec {
        if (parts == null || parts.isEmpty()) {
            throw new MediaInvalidException("A teaser needs at least one clip.");
        }
        if (fadeMicros < 0) {
            throw new MediaInvalidException("The fade length must not be negative.");
        }
        parts = List.copyOf(parts);
        if (watermark != null && watermark.length() > 60) {
            throw new MediaInvalidException("The watermark may be at most 60 characters long.");
        }
    }
}
