package io.centralkitchen.processes.show;

import java.time.Instant;

/** A show (table {@code kitchen_show}): what is planned, where it stands, and what its live run left behind. */
public record Show(String id, String stationId, String title, Instant airTime, String hosts, String state,
                   String ingestMode, String ingestSecretId, String teaserState, String teaserKey, String teaserNote,
                   Instant liveStartedAt, Instant liveEndedAt, String recordingId, String manifestKey, Long recordedMillis,
                   String processInstanceId, String createdBy, Instant createdAt) {

    public static final String PLANNED = "PLANNED";
    public static final String WARMING_UP = "WARMING_UP";
    public static final String LIVE = "LIVE";
    public static final String CLIPPING = "CLIPPING";
    public static final String AFTER_SALES = "AFTER_SALES";
    public static final String REPORTED = "REPORTED";
    public static final String CANCELLED = "CANCELLED";

    /** The rundown can change until the show goes live. */
    public boolean rundownOpen() {
        return PLANNED.equals(state) || WARMING_UP.equals(state);
    }
}
