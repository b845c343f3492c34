package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avutil.AVRational;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

/** Conversions between stream time bases and microseconds, aware of FFmpeg's "no timestamp" value. */
public final class Timestamps {

    public static final AVRational MICROS = av_make_q(1, 1_000_000);
    /** Milliseconds: the live engine's program time (RTMP's own unit). */
    public static final AVRational MILLIS = av_make_q(1, 1000);

    private Timestamps() {
    }

    public static boolean isSet(long ts) {
        return ts != AV_NOPTS_VALUE;
    }

    public static long toMicros(long ts, AVRational timeBase) {
        return isSet(ts) ? av_rescale_q(ts, timeBase, MICROS) : AV_NOPTS_VALUE;
    }

    public static long fromMicros(long micros, AVRational timeBase) {
        return av_rescale_q(micros, MICROS, timeBase);
    }

    public static long rescale(long ts, AVRational from, AVRational to) {
        return isSet(ts) ? av_rescale_q(ts, from, to) : AV_NOPTS_VALUE;
    }
}
