package io.centralkitchen.processes.show;

/** The show flow's models, their variables that the API and the live watch rely on, and the messages they wait for. */
public final class ShowProcesses {

    public static final String SHOW = "show";
    public static final String WARM_UP = "warm-up";
    public static final String LIVE_SHOW = "live-show";
    public static final String HIGHLIGHT_CLIPPING = "highlight-clipping";
    /** A closed product slot's clip, cut while the show goes on (started by {@code StartSlot}). */
    public static final String SLOT_CLIP = "slot-clip";
    /** Correlated to a show's waiting slot-clip instances whenever a segment of its recording is stored. */
    public static final String SLOT_SEGMENTS_STORED = "slot-segments-stored";

    /** The on-air task of live-show: completed with {@link #ON_AIR_ACTION} to start a product or end the show. */
    public static final String ON_AIR_TASK = "on-air";
    public static final String ON_AIR_ACTION = "onAirAction";
    public static final String NEXT_PRODUCT = "next-product";
    public static final String END_SHOW = "end-show";
    /** Optional with {@link #NEXT_PRODUCT}: which slot (position); default the first not yet on air. */
    public static final String SLOT_POSITION = "slotPosition";
    /** Optional with {@link #NEXT_PRODUCT}: program time when the producer asked (REST), so the marker is exact. */
    public static final String SLOT_PROGRAM_MILLIS = "slotProgramMillis";
    public static final String SLOT_REQUESTED_BY = "slotRequestedBy";

    public static final String DESTINATION_ALARM = "live-destination-alarm";
    public static final String DESTINATION_RECOVERED = "live-destination-recovered-";
    public static final String INGEST_LOST = "live-ingest-lost";
    public static final String INGEST_BACK = "live-ingest-back";

    public static final String PLATFORM_REFUSED = "platform-refused";
    public static final String PREFLIGHT_FAILED = "preflight-failed";

    private ShowProcesses() {
    }
}
