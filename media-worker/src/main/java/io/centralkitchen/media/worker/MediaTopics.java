package io.centralkitchen.media.worker;

import java.util.List;

/** The external-task topics of the media worker and the BPMN error it raises for bad input. */
public final class MediaTopics {

    public static final String PROBE = "media.probe";
    public static final String TRANSCODE = "media.transcode";
    public static final String CLIP = "media.clip";
    public static final String SMART_CUT = "media.smartcut";
    public static final String COVER = "media.cover";
    public static final String TEASER = "media.teaser";
    /** The instant clip of a span of a sealed live recording (its manifest), without re-encoding. */
    public static final String RECORDING_CLIP = "media.recording-clip";
    public static final List<String> ALL = List.of(PROBE, TRANSCODE, CLIP, SMART_CUT, COVER, TEASER, RECORDING_CLIP);

    /** BPMN error code for input no retry can fix; its message says what is wrong. */
    public static final String MEDIA_INVALID = "MEDIA_INVALID";

    private MediaTopics() {
    }
}
