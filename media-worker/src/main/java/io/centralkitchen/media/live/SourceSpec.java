package io.centralkitchen.media.live;

import java.util.regex.Pattern;

/**
 * One named source of a show with several (the studio, a field unit, a pulled URL, the test pattern): where it comes
 * from, and whether it is the backup that goes on air by itself when the source on air drops.
 *
 * @param name   what producers cut to, e.g. {@code studio}, {@code field}
 * @param ingest how it arrives; a published source has its own ingest key
 * @param backup whether it takes over when the source on air drops (at most one per show)
 */
public record SourceSpec(String name, IngestSpec ingest, boolean backup) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    /** Sources a show may have: each connected one is decoded all the time (previews, frame-accurate cuts). */
    public static final int MAX_SOURCES = 6;

    public SourceSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Source name '" + name + "' is not valid: use 1 to 32 lower-case letters,"
                    + " digits and '-', e.g. 'studio' or 'field'");
        }
        if ("slate".equals(name)) {
            throw new IllegalArgumentException("'slate' is not a source name: it is what the program shows without one");
        }
        if (ingest == null) {
            throw new IllegalArgumentException("Source '" + name + "' needs an ingest");
        }
    }
}
