package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.util.function.Consumer;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

/**
 * The decoder of the FFmpeg layer, for one stream. Decoded frames are handed to a consumer one at a time in a reused
 * {@link AVFrame} (valid only during the call), with their timestamp in {@code best_effort_timestamp}, in the packet
 * time base. What a corrupt packet does is the caller's choice ({@link OnCorrupt}): a file operation fails (the file
 * is damaged), a live feed skips it and goes on. Close it to free the codec context and the frame.
 */
public final class StreamDecoder implements AutoCloseable {

    /** What a packet the decoder refuses does. */
    public enum OnCorrupt {
        /** Fail with {@link FFmpegException}. */
        THROW,
        /** Drop the packet (and any frame it would have completed) and go on. */
        SKIP
    }

    static final int EAGAIN = -11;

    private final OnCorrupt onCorrupt;
    private AVCodecContext context;
    private AVFrame frame;

    /** A decoder for a stream of a file: on all cores, failing on corrupt data. */
    public StreamDecoder(AVStream stream) {
        this(stream.codecpar(), stream.time_base(), 0, OnCorrupt.THROW, "the stream");
    }

    /**
     * @param packetTimeBase the time base of the packets, or null to leave the decoder's default
     * @param threads        decoder threads, 0 for all cores (a live feed decodes on one: lower latency)
     * @param what           names the stream in errors ("video", "audio")
     */
    public StreamDecoder(AVCodecParameters parameters, AVRational packetTimeBase, int threads, OnCorrupt onCorrupt,
                         String what) {
        FFmpegRuntime.init();
        this.onCorrupt = onCorrupt;
        AVCodec codec = avcodec_find_decoder(parameters.codec_id());
        if (codec == null) {
            throw new FFmpegException(org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND(),
                    "No decoder for " + what + " (codec id " + parameters.codec_id() + ")");
        }
        context = avcodec_alloc_context3(codec);
        try {
            FFmpegException.check(avcodec_parameters_to_context(context, parameters), "Cannot set up the decoder of " + what);
            if (packetTimeBase != null) {
                context.pkt_timebase(packetTimeBase);
            }
            context.thread_count(threads);
            FFmpegException.check(avcodec_open2(context, codec, (AVDictionary) null), "Cannot open the decoder of " + what);
        } catch (RuntimeException e) {
            avcodec_free_context(context);
            context = null;
            throw e;
        }
        frame = av_frame_alloc();
    }

    public AVCodecContext context() {
        return context;
    }

    /** Decodes one packet; every frame it completes goes to {@code sink}. */
    public void decode(AVPacket packet, Consumer<AVFrame> sink) {
        int ret = avcodec_send_packet(context, packet);
        if (ret < 0 && ret != EAGAIN) {
            if (onCorrupt == OnCorrupt.SKIP) {
                return;
            }
            throw new FFmpegException(ret, "Cannot decode");
        }
        drain(sink);
    }

    /** Signals the end of input and hands out the frames still inside the decoder. */
    public void flush(Consumer<AVFrame> sink) {
        avcodec_send_packet(context, null);
        drain(sink);
    }

    private void drain(Consumer<AVFrame> sink) {
        while (true) {
            int ret = avcodec_receive_frame(context, frame);
            if (ret == EAGAIN || ret == AVERROR_EOF()) {
                return;
            }
            if (ret < 0 && onCorrupt == OnCorrupt.SKIP) {
                return;
            }
            FFmpegException.check(ret, "Cannot decode");
            try {
                sink.accept(frame);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    @Override
    public void close() {
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
    }
}
