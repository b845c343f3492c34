package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

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
 * A decoder for one input stream, on all cores. Decoded frames are handed to a consumer one at a time in a reused
 * {@link AVFrame} (valid only during the call), with their timestamp in {@code best_effort_timestamp}, in the
 * stream's time base. Close it to free the codec context and the frame.
 */
public final class StreamDecoder implements AutoCloseable {

    /** AVERROR(EAGAIN) on Linux: the codec wants more input (or output to be taken) first. */
    static final int EAGAIN = -11;

    private AVCodecContext context;
    private AVFrame frame;

    public StreamDecoder(AVStream stream) {
        FFmpegRuntime.init();
        AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
        if (codec == null) {
            throw new FFmpegException(org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND(),
                    "No decoder for codec id " + stream.codecpar().codec_id());
        }
        context = avcodec_alloc_context3(codec);
        FFmpegException.check(avcodec_parameters_to_context(context, stream.codecpar()), "Cannot set up the decoder");
        context.pkt_timebase(stream.time_base());
        context.thread_count(0);
        try {
            FFmpegException.check(avcodec_open2(context, codec, (AVDictionary) null), "Cannot open the decoder");
        } catch (RuntimeException e) {
            avcodec_free_context(context);
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
