package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.swresample.SwrContext;

import java.util.Map;
import java.util.function.Consumer;

/**
 * AAC stereo at one sample rate, timestamps in milliseconds: any input rate/layout/format is resampled and cut into
 * the encoder's 1024-sample frames. Timestamps follow the sample count, re-anchored to the caller's clock when the
 * input jumps (a source switch), so audio stays continuous and in sync. Packets carry {@code streamIndex}.
 */
public final class AacEncoder implements AutoCloseable {

    private static final long RESYNC_MILLIS = 200;

    private final int sampleRate;
    private final int streamIndex;
    private final StreamEncoder encoder;
    private final AVCodecContext context;
    private final AVCodecParameters parameters = avcodec.avcodec_parameters_alloc();
    private final AVAudioFifo fifo;
    private final AVFrame frame = avutil.av_frame_alloc();
    private final AVFrame converted = avutil.av_frame_alloc();
    private final AVChannelLayout stereo = new AVChannelLayout();
    private final AVRational timeBase;
    private SwrContext resampler;
    private String inputSignature = "";
    /** Samples (at the output rate) since the anchor. */
    private long samples;
    private long anchorMillis = Long.MIN_VALUE;

    public AacEncoder(int sampleRate, long bitrate, int streamIndex) {
        this.sampleRate = sampleRate;
        this.streamIndex = streamIndex;
        encoder = new StreamEncoder("aac");
        context = encoder.context();
        context.thread_count(1);
        avutil.av_channel_layout_default(stereo, 2);
        avutil.av_channel_layout_copy(context.ch_layout(), stereo);
        context.sample_rate(sampleRate);
        context.sample_fmt(avutil.AV_SAMPLE_FMT_FLTP);
        context.bit_rate(bitrate);
        context.time_base(avutil.av_make_q(1, sampleRate));
        context.flags(context.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
        encoder.open(Map.of(), "Cannot open the AAC encoder");
        FFmpegException.check(avcodec.avcodec_parameters_from_context(parameters, context), "Cannot read the AAC parameters");
        timeBase = context.time_base();
        fifo = avutil.av_audio_fifo_alloc(avutil.AV_SAMPLE_FMT_FLTP, 2, sampleRate);
        frame.nb_samples(context.frame_size()).format(avutil.AV_SAMPLE_FMT_FLTP).sample_rate(sampleRate);
        avutil.av_channel_layout_copy(frame.ch_layout(), stereo);
        FFmpegException.check(avutil.av_frame_get_buffer(frame, 0), "Cannot allocate an audio frame");
    }

    /** The encoder's codec parameters (owned by the encoder). */
    public AVCodecParameters parameters() {
        return parameters;
    }

    /** Encodes {@code input} whose first sample plays at {@code ptsMillis}. */
    public void encode(AVFrame input, long ptsMillis, Consumer<AVPacket> sink) {
        long expected = anchorMillis == Long.MIN_VALUE ? Long.MIN_VALUE
                : anchorMillis + (samples + avutil.av_audio_fifo_size(fifo)) * 1000 / sampleRate;
        if (expected == Long.MIN_VALUE || Math.abs(ptsMillis - expected) > RESYNC_MILLIS) {
            // first input, or a jump (source switch): start counting samples from the caller's clock again
            avutil.av_audio_fifo_reset(fifo);
            anchorMillis = ptsMillis;
            samples = 0;
        }
        resample(input);
        while (avutil.av_audio_fifo_size(fifo) >= context.frame_size()) {
            FFmpegException.check(avutil.av_frame_make_writable(frame), "Cannot reuse the audio frame");
            avutil.av_audio_fifo_read(fifo, frame.data(), context.frame_size());
            frame.pts(anchorMillis * sampleRate / 1000 + samples);
            samples += context.frame_size();
            encoder.encode(frame, packet -> {
                avcodec.av_packet_rescale_ts(packet, timeBase, Timestamps.MILLIS);
                packet.stream_index(streamIndex);
                sink.accept(packet);
            });
        }
    }

    private void resample(AVFrame input) {
        String signature = input.format() + "/" + input.sample_rate() + "/" + input.ch_layout().nb_channels();
        if (resampler == null || !signature.equals(inputSignature)) {
            if (resampler != null) {
                swresample.swr_free(resampler);
            }
            resampler = new SwrContext(null);
            FFmpegException.check(swresample.swr_alloc_set_opts2(resampler, stereo, avutil.AV_SAMPLE_FMT_FLTP,
                    sampleRate, input.ch_layout(), input.format(), input.sample_rate(), 0, null),
                    "Cannot set up the audio resampler");
            FFmpegException.check(swresample.swr_init(resampler), "Cannot start the audio resampler");
            inputSignature = signature;
        }
        avutil.av_frame_unref(converted);
        converted.format(avutil.AV_SAMPLE_FMT_FLTP).sample_rate(sampleRate);
        avutil.av_channel_layout_copy(converted.ch_layout(), stereo);
        FFmpegException.check(swresample.swr_convert_frame(resampler, converted, input), "Cannot resample audio");
        if (converted.nb_samples() > 0) {
            avutil.av_audio_fifo_write(fifo, converted.data(), converted.nb_samples());
        }
    }

    @Override
    public void close() {
        if (resampler != null) {
            swresample.swr_free(resampler);
        }
        encoder.close();
        avutil.av_audio_fifo_free(fifo);
        avutil.av_frame_free(frame);
        avutil.av_frame_free(converted);
        avcodec.avcodec_parameters_free(parameters);
        avutil.av_channel_layout_uninit(stereo);
    }
}
