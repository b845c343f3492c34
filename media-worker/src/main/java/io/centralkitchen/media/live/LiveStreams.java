package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.Timestamps;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Conventions of the live engine's packets: stream 0 is video, stream 1 audio (as in every live {@link Muxer}), and
 * every timestamp is program time in milliseconds (RTMP's own unit), continuous across ingest switches, the slate and
 * reconnects.
 */
final class LiveStreams {

    static final int VIDEO = Muxer.VIDEO;
    static final int AUDIO = Muxer.AUDIO;
    static final AVRational MILLIS = Timestamps.MILLIS;

    private LiveStreams() {
    }
}
