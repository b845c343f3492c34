package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.H264Bitstream;
import io.centralkitchen.media.ffmpeg.H264Settings;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.StreamDecoder;
import io.centralkitchen.media.ffmpeg.StreamEncoder;
import io.centralkitchen.media.ffmpeg.Timestamps;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;

/**
 * The re-encoded edges of a smart cut. Each edge gets a fresh decoder (starting at a keyframe) and a fresh x264
 * encoder without B-frames, matching the source's size, profile and level, writing its parameter sets in-band.
 * Head packets wait until the copied middle's first keyframe tells the DTS delay they must line up with.
 */
final class EdgeWriter implements AutoCloseable {

    private record Encoded(byte[] data, long pts, boolean key, long duration) {
    }

    private final AVStream video;
    private final EdgeEncoding encoding;
    private final byte[] extradata;
    private final int outputIndex;
    private long shift = Long.MIN_VALUE;
    private final List<Encoded> pending = new ArrayList<>();
    private StreamDecoder decoder;
    private StreamEncoder encoder;
    private long delay = -1;
    private long lastEnd;
    private long reencodedFrames;
    private long frameTicks;

    EdgeWriter(AVStream video, EdgeEncoding encoding, byte[] extradata, int outputIndex) {
        this.video = video;
        this.encoding = encoding;
        this.extradata = extradata;
        this.outputIndex = outputIndex;
    }

    /**
     * The source tick that becomes 0 in the clip: the exact time of the clip's first frame (microsecond in-points
     * would be a tick off, and a frame a tick before 0 is hidden by the MP4 edit list).
     */
    long shift() {
        return shift;
    }

    void startAt(long sourceTicks) {
        if (shift == Long.MIN_VALUE) {
            shift = sourceTicks;
        }
    }

    void decode(AVPacket packet, long inAbs, long outAbs, Muxer out) {
        if (decoder == null) {
            open();
        }
        decoder.decode(packet, frame -> encode(frame, inAbs, outAbs, out));
    }

    /** Ends the head: everything decoded so far is encoded and written with the middle's DTS delay. */
    void finishHead(long delayTicks, Muxer out, long inAbs, long outAbs) {
        delay = Math.max(0, delayTicks);
        writePending(out); // before the encoder's last packets: the muxer needs them in decoding order
        finish(out, inAbs, outAbs);
    }

    private void writePending(Muxer out) {
        for (Encoded e : pending) {
            write(e, out);
        }
        pending.clear();
    }

    /** Ends the current edge: flushes decoder and encoder and writes what is left. */
    void finish(Muxer out, long inAbs, long outAbs) {
        if (decoder != null) {
            decoder.flush(frame -> encode(frame, inAbs, outAbs, out));
            encoder.flush(packet -> collect(packet, out));
        }
        if (delay < 0) {
            delay = 0;
        }
        writePending(out);
        closeCodecs();
    }

    private void encode(AVFrame frame, long inAbs, long outAbs, Muxer out) {
        long ts = frame.best_effort_timestamp();
        long micros = Timestamps.toMicros(ts, video.time_base());
        // In- and out-point are on the frame grid, but in microseconds: allow for the rounding of stream ticks.
        long tolerance = frameTicks > 0 ? Timestamps.toMicros(frameTicks, video.time_base()) / 4 : 1000;
        if (!Timestamps.isSet(ts) || micros < inAbs - tolerance || micros >= outAbs - tolerance) {
            return;
        }
        startAt(ts);
        frame.pts(ts);
        frame.pict_type(AV_PICTURE_TYPE_NONE); // let x264 choose; a decoded I-type would force extra keyframes
        encoder.encode(frame, packet -> collect(packet, out));
        reencodedFrames++;
    }

    private void collect(AVPacket packet, Muxer out) {
        byte[] data = Packets.data(packet);
        if (H264Bitstream.isAvcc(extradata)) {
            data = H264Bitstream.lengthPrefixed(H264Bitstream.splitAnnexB(data), H264Bitstream.lengthSize(extradata));
        }
        Encoded e = new Encoded(data, packet.pts(), Packets.isKeyframe(packet),
                packet.duration() > 0 ? packet.duration() : frameTicks);
        if (delay < 0) {
            pending.add(e);
        } else {
            write(e, out);
        }
    }

    private void write(Encoded e, Muxer out) {
        AVPacket packet = Packets.alloc();
        try {
            av_new_packet(packet, e.data().length);
            packet.data().put(e.data(), 0, e.data().length);
            packet.pts(e.pts() - shift);
            packet.dts(e.pts() - delay - shift);
            packet.duration(e.duration());
            packet.flags(e.key() ? AV_PKT_FLAG_KEY : 0);
            packet.stream_index(outputIndex);
            lastEnd = Math.max(lastEnd, Timestamps.toMicros(e.pts() - shift + e.duration(), video.time_base()));
            out.write(packet);
        } finally {
            Packets.free(packet);
        }
    }

    private void open() {
        AVCodecParameters p = video.codecpar();
        decoder = new StreamDecoder(video);
        encoder = new StreamEncoder("libx264");
        AVCodecContext c = encoder.context();
        c.width(p.width());
        c.height(p.height());
        c.pix_fmt(decoder.context().pix_fmt());
        c.sample_aspect_ratio(p.sample_aspect_ratio());
        c.time_base(video.time_base());
        if (video.avg_frame_rate().num() > 0) {
            c.framerate(video.avg_frame_rate());
            frameTicks = Timestamps.rescale(1, org.bytedeco.ffmpeg.global.avutil.av_inv_q(video.avg_frame_rate()), video.time_base());
        }
        c.color_range(p.color_range());
        c.colorspace(p.color_space());
        c.color_primaries(p.color_primaries());
        c.color_trc(p.color_trc());
        H264Settings x264 = H264Settings.edge(encoding.preset(), encoding.crf(), p);
        x264.applyTo(c);
        encoder.open(x264.options());
    }

    long lastEnd() {
        return lastEnd;
    }

    long reencodedMicros() {
        return frameTicks <= 0 ? 0 : Timestamps.toMicros(reencodedFrames * frameTicks, video.time_base());
    }

    private void closeCodecs() {
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }

    @Override
    public void close() {
        closeCodecs();
    }
}
