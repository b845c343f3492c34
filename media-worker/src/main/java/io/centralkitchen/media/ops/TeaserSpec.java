package io.centralkitchen.media.ops;

import java.nio.file.Path;
import java.util.List;

/**
 * What a teaser is made of: parts (a range of a source, with the product name and price shown over it), the show's
 * date and time shown throughout, the rendition profile, and the length of the cross-fades between parts.
 */
public record TeaserSpec(List<Part> parts, TranscodeProfile profile, String showLine, long fadeMicros, String fontLocation) {

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
    }
}
