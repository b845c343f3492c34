package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps decoding timestamps strictly increasing per output stream, as muxers demand, when packets from different
 * sources (copied and re-encoded parts, loops, reconnects, slates) are joined. A packet whose DTS would not advance
 * is moved one tick after its predecessor; its PTS is kept at or after the DTS.
 */
public final class MonotonicDts {

    private final Map<Integer, Long> last = new HashMap<>();

    public void apply(AVPacket packet) {
        if (!Timestamps.isSet(packet.dts())) {
            packet.dts(packet.pts());
        }
        Long previous = last.get(packet.stream_index());
        if (previous != null && packet.dts() <= previous) {
            packet.dts(previous + 1);
        }
        if (Timestamps.isSet(packet.pts()) && packet.pts() < packet.dts()) {
            packet.pts(packet.dts());
        }
        last.put(packet.stream_index(), packet.dts());
    }
}
