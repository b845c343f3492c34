package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

/**
 * Packet plumbing. A muxer takes over the data of every packet it writes, so a packet going to a second output must be
 * a clone ({@link #cloneFor}); packets built from Java bytes get their own FFmpeg buffer ({@link #replaceData}).
 */
public final class Packets {

    private Packets() {
    }

    public static byte[] data(AVPacket packet) {
        byte[] bytes = new byte[packet.size()];
        packet.data().get(bytes);
        return bytes;
    }

    /** Replaces the payload of {@code packet} with {@code bytes}, keeping its timestamps and flags. */
    public static void replaceData(AVPacket packet, byte[] bytes) {
        AVPacket fresh = av_packet_alloc();
        try {
            FFmpegException.check(av_new_packet(fresh, bytes.length), "Cannot allocate a packet");
            fresh.data().put(bytes, 0, bytes.length);
            long pts = packet.pts();
            long dts = packet.dts();
            long duration = packet.duration();
            int flags = packet.flags();
            int index = packet.stream_index();
            av_packet_unref(packet);
            org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref(packet, fresh);
            packet.pts(pts).dts(dts).duration(duration).flags(flags).stream_index(index);
        } finally {
            org.bytedeco.ffmpeg.global.avcodec.av_packet_free(fresh);
        }
    }

    /** A clone for one more output (the muxer consumes the original). Free it with av_packet_free if unused. */
    public static AVPacket cloneFor(AVPacket packet, int outputStreamIndex) {
        AVPacket copy = av_packet_clone(packet);
        if (copy == null) {
            throw new IllegalStateException("Out of memory cloning a packet");
        }
        copy.stream_index(outputStreamIndex);
        return copy;
    }
}
