package io.centralkitchen.media.ops;

import java.nio.file.Path;

/**
 * A clip written to {@code file}: it shows the source from {@code sourceStartMicros} for {@code durationMicros}.
 * A copy clip starts at the keyframe at or before the requested in-point; a smart cut exactly at it.
 *
 * @param reencodedMicros how much of the clip was re-encoded (the partial groups of pictures at its edges)
 */
public record ClipResult(Path file, long sourceStartMicros, long durationMicros, long reencodedMicros) {
}
