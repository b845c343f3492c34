package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.Map;
import java.util.function.Consumer;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * An encoder by name ("libx264", "aac"...), on all cores unless the caller sets {@code thread_count}. The caller
 * configures the context ({@link #context()}, for H.264 through {@link H264Settings}) and then {@link #open}s it with
 * codec options; encoded packets go to a consumer in a reused {@link AVPacket} (valid only
 * during the call), timestamps in the context's time base. Close it to free the context and the packet.
 */
public final class StreamEncoder implements AutoCloseable {

    private AVCodecContext context;
    private final AVCodec codec;
    private AVPacket packet;

    public StreamEncoder(String name) {
        FFmpegRuntime.init();
        codec = avcodec_find_encoder_by_name(name);
        if (codec == null) {
            throw new IllegalStateException("FFmpeg has no encoder '" + name + "' in this build");
        }
        context = avcodec_alloc_context3(codec);
        context.thread_count(0); // all cores, as the ffmpeg command line does; the library default is one thread
        packet = av_packet_alloc();
    }

    public AVCodecContext context() {
        return context;
    }

    public void open(Map<String, String> options) {
        open(options, "Cannot open encoder " + codec.name().getString());
    }

    /** Opens the configured encoder with codec {@code options}; {@code failure} is the message if it cannot. */
    public void open(Map<String, String> options, String failure) {
        AVDictionary dictionary = new AVDictionary(null);
        options.forEach((k, v) -> av_dict_set(dictionary, k, v, 0));
        try {
            FFmpegException.check(avcodec_open2(context, codec, dictionary), failure);
        } finally {
            av_dict_free(dictionary);
        }
    }

    public void encode(AVFrame frame, Consumer<AVPacket> sink) {
        int ret = avcodec_send_frame(context, frame);
        if (ret < 0 && ret != StreamDecoder.EAGAIN) {
            throw new FFmpegException(ret, "Cannot encode");
        }
        drain(sink);
    }

    public void flush(Consumer<AVPacket> sink) {
        avcodec_send_frame(context, null);
        drain(sink);
    }

    private void drain(Consumer<AVPacket> sink) {
        while (true) {
            int ret = avcodec_receive_packet(context, packet);
            if (ret == StreamDecoder.EAGAIN || ret == AVERROR_EOF()) {
                return;
            }
            FFmpegException.check(ret, "Cannot encode");
            try {
                sink.accept(packet);
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    @Override
    public void close() {
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
    }
}
