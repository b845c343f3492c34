package io.centralkitchen.media.live;

/**
 * Where a show's studio feed comes from.
 *
 * @param mode        how it arrives
 * @param keySecretId {@link Mode#PUBLISH}: the secret holding the ingest key the studio encoder publishes with
 *                    ({@code rtmp://<host>:<port>/live/<key>}); {@link Mode#PULL}: the secret holding the URL to pull
 * @param file        {@link Mode#FILE}: a media file played in a loop at its own pace (rehearsals)
 */
public record IngestSpec(Mode mode, String keySecretId, String file) {

    public enum Mode {
        /** The studio encoder publishes RTMP to the platform. */
        PUBLISH,
        /** The platform pulls an existing ingest (RTMP, RTMPS, SRT, HLS). */
        PULL,
        /** The built-in test pattern (rehearsals). */
        TEST_PATTERN,
        /** A file in a loop (rehearsals). */
        FILE
    }

    public IngestSpec {
        if (mode == null) {
            throw new IllegalArgumentException("The ingest mode is missing: one of PUBLISH, PULL, TEST_PATTERN, FILE");
        }
        if ((mode == Mode.PUBLISH || mode == Mode.PULL) && (keySecretId == null || keySecretId.isBlank())) {
            throw new IllegalArgumentException("Ingest mode " + mode + " needs 'keySecretId', the id of the secret holding "
                    + (mode == Mode.PUBLISH ? "the ingest key" : "the URL to pull"));
        }
        if (mode == Mode.FILE && (file == null || file.isBlank())) {
            throw new IllegalArgumentException("Ingest mode FILE needs 'file'");
        }
    }
}
