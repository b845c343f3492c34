package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the decoding timestamps of each output stream strictly increasing, as muxers (MP4, FLV, MPEG-TS, HLS) demand,
 * when packets from different sources are joined — copied and re-encoded parts of a clip, loops, reconnects, feed and
 * slate, AAC's negative first timestamp. A packet that would not advance is moved one tick after its predecessor; its
 * presentation time is kept at or after its decoding time.
 */
final class MonotonicDts {

    private final Map<Integer, Long> last = new HashMap<>();

    /** Fixes {@code packet}'s timestamps in place for its own stream index. */
    public void apply(AVPacket packet) {
        fix(packet.stream_index(), packet);
    }

    /** Fixes {@code packet}'s timestamps in place as a packet of output stream {@code streamIndex} (any time base). */
    public void fix(int streamIndex, AVPacket packet) {
        Long previous = last.get(streamIndex);
        long dts = Timestamps.isSet(packet.dts()) ? packet.dts() : packet.pts();
        if (!Timestamps.isSet(dts)) {
            dts = previous == null ? 0 : previous + 1;
        }
        if (previous != null && dts <= previous) {
            dts = previous + 1;
        }
        long pts = Timestamps.isSet(packet.pts()) ? Math.max(packet.pts(), dts) : dts;
        packet.dts(dts);
        packet.pts(pts);
        last.put(streamIndex, dts);
    }

    /** The last decoding timestamp given to {@code streamIndex}, or {@link Long#MIN_VALUE} before the first. */
    public long last(int streamIndex) {
        return last.getOrDefault(streamIndex, Long.MIN_VALUE);
    }
}
