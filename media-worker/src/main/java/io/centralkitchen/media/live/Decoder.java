package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.AvError;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

import java.io.IOException;
import java.util.function.Consumer;

/** Decodes one ingest stream; frames are handed out with their best-effort timestamp in the packet time base. */
final class Decoder implements AutoCloseable {

    private final AVCodecContext context;
    private final AVFrame frame = avutil.av_frame_alloc();

    Decoder(AVCodecParameters parameters, String what) throws IOException {
        AVCodec codec = avcodec.avcodec_find_decoder(parameters.codec_id());
        if (codec == null) {
            throw new IOException("No decoder for the " + what + " codec of the ingest (id " + parameters.codec_id() + ")");
        }
        context = avcodec.avcodec_alloc_context3(codec);
        AvError.check(avcodec.avcodec_parameters_to_context(context, parameters), "Cannot set up the " + what + " decoder");
        context.thread_count(1);
        AvError.check(avcodec.avcodec_open2(context, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null),
                "Cannot open the " + what + " decoder");
    }

    /** Decodes {@code packet}; each frame goes to {@code sink} (borrowed: clone it to keep it). Corrupt data is skipped. */
    void decode(AVPacket packet, Consumer<AVFrame> sink) {
        if (avcodec.avcodec_send_packet(context, packet) < 0) {
            return;
        }
        while (avcodec.avcodec_receive_frame(context, frame) >= 0) {
            try {
                frame.pts(frame.best_effort_timestamp());
                sink.accept(frame);
            } finally {
                avutil.av_frame_unref(frame);
            }
        }
    }

    @Override
    public void close() {
        avcodec.avcodec_free_context(context);
        avutil.av_frame_free(frame);
    }
}
