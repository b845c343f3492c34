package io.centralkitchen.media.live;

import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Conventions of the live engine's packets: stream 0 is video, stream 1 audio, and every timestamp is program time
 * in milliseconds (RTMP's own unit), continuous across ingest switches, the slate and reconnects.
 */
final class LiveStreams {

    static final int VIDEO = 0;
    static final int AUDIO = 1;
    static final AVRational MILLIS = avutil.av_make_q(1, 1000);

    private LiveStreams() {
    }
}
