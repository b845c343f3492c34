package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Keeps the decoding timestamps of each stream strictly increasing, as muxers (FLV, MPEG-TS, HLS) require, across
 * source switches, reconnects and AAC's negative first timestamp: a packet that would go back in time is moved to
 * just after its predecessor (and its presentation time with it, never before its decoding time).
 */
public final class MonotonicDts {

    private final long[] last;

    public MonotonicDts(int streams) {
        this.last = new long[streams];
        java.util.Arrays.fill(last, Long.MIN_VALUE);
    }

    /** Fixes {@code packet}'s timestamps in place (stream {@code streamIndex}, any time base). */
    public void fix(int streamIndex, AVPacket packet) {
        long dts = packet.dts() == avutil.AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        if (dts == avutil.AV_NOPTS_VALUE) {
            dts = last[streamIndex] == Long.MIN_VALUE ? 0 : last[streamIndex] + 1;
        }
        if (last[streamIndex] != Long.MIN_VALUE && dts <= last[streamIndex]) {
            dts = last[streamIndex] + 1;
        }
        long pts = packet.pts() == avutil.AV_NOPTS_VALUE ? dts : Math.max(packet.pts(), dts);
        packet.dts(dts);
        packet.pts(pts);
        last[streamIndex] = dts;
    }

    /** The last decoding timestamp given to {@code streamIndex}, or {@link Long#MIN_VALUE}. */
    public long last(int streamIndex) {
        return last[streamIndex];
    }
}
