package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * Packet plumbing. A muxer takes over the data of every packet it writes, so a packet going to a second output must be
 * a clone ({@link #cloneFor}); packets built from Java bytes get their own FFmpeg buffer ({@link #replaceData}). A
 * packet handed to another thread is a {@link #reference}, freed there with {@link #free}.
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

    /** An empty packet; {@link #free} it. */
    public static AVPacket alloc() {
        return av_packet_alloc();
    }

    public static void free(AVPacket packet) {
        if (packet != null) {
            avcodec.av_packet_free(packet);
        }
    }

    /** Drops the packet's data reference (it can be read into again). */
    public static void unref(AVPacket packet) {
        av_packet_unref(packet);
    }

    /** A new reference to {@code packet}'s data with its timestamps, for another consumer; {@link #free} it. */
    public static AVPacket reference(AVPacket packet) {
        return av_packet_clone(packet);
    }

    public static boolean isKeyframe(AVPacket packet) {
        return (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0;
    }

    /** The decoding time, else the presentation time, else {@link Timestamps#isSet unset}. */
    public static long decodingTime(AVPacket packet) {
        return packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
    }

    /** Moves both timestamps (those that are set) by {@code offset}. */
    public static void shift(AVPacket packet, long offset) {
        if (packet.pts() != AV_NOPTS_VALUE) {
            packet.pts(packet.pts() + offset);
        }
        if (packet.dts() != AV_NOPTS_VALUE) {
            packet.dts(packet.dts() + offset);
        }
    }

    public static void rescale(AVPacket packet, AVRational from, AVRational to) {
        avcodec.av_packet_rescale_ts(packet, from, to);
    }

    /**
     * Attaches {@code parameters}' codec set-up (extradata) to {@code packet} as new extradata side data: the packet
     * that starts a new encoder's (or the ingest's) stream tells the muxer without a new connection.
     */
    public static void announce(AVPacket packet, AVCodecParameters parameters) {
        if (parameters == null || parameters.extradata_size() <= 0) {
            return;
        }
        BytePointer side = avcodec.av_packet_new_side_data(packet, avcodec.AV_PKT_DATA_NEW_EXTRADATA,
                parameters.extradata_size());
        if (side != null && !side.isNull()) {
            Pointer.memcpy(side, parameters.extradata(), parameters.extradata_size());
        }
    }
}
