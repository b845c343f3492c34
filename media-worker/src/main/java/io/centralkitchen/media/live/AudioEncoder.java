package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.AvError;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.swresample.SwrContext;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * AAC stereo at a profile's rate: any input rate/layout/format is resampled and cut into the encoder's 1024-sample
 * frames. Timestamps follow the sample count, re-anchored to the program clock when the input jumps (a source
 * switch), so audio stays continuous and in sync. Packets carry milliseconds.
 */
final class AudioEncoder implements AutoCloseable {

    private static final long RESYNC_MILLIS = 200;

    private final OutputProfile profile;
    private final AVCodecContext context;
    private final AVCodecParameters parameters = avcodec.avcodec_parameters_alloc();
    private final AVAudioFifo fifo;
    private final AVFrame frame = avutil.av_frame_alloc();
    private final AVFrame converted = avutil.av_frame_alloc();
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final AVChannelLayout stereo = new AVChannelLayout();
    private final org.bytedeco.ffmpeg.avutil.AVRational timeBase;
    private SwrContext resampler;
    private String inputSignature = "";
    /** Samples (at the profile rate) since the anchor. */
    private long samples;
    private long anchorMillis = Long.MIN_VALUE;

    AudioEncoder(OutputProfile profile) throws IOException {
        this.profile = profile;
        AVCodec codec = avcodec.avcodec_find_encoder(avcodec.AV_CODEC_ID_AAC);
        context = avcodec.avcodec_alloc_context3(codec);
        avutil.av_channel_layout_default(stereo, 2);
        avutil.av_channel_layout_copy(context.ch_layout(), stereo);
        context.sample_rate(profile.audioSampleRate());
        context.sample_fmt(avutil.AV_SAMPLE_FMT_FLTP);
        context.bit_rate(profile.audioBitrateKbps() * 1000L);
        context.time_base(avutil.av_make_q(1, profile.audioSampleRate()));
        context.flags(context.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
        AvError.check(avcodec.avcodec_open2(context, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null),
                "Cannot open the AAC encoder");
        AvError.check(avcodec.avcodec_parameters_from_context(parameters, context), "Cannot read the AAC parameters");
        timeBase = context.time_base();
        fifo = avutil.av_audio_fifo_alloc(avutil.AV_SAMPLE_FMT_FLTP, 2, profile.audioSampleRate());
        frame.nb_samples(context.frame_size()).format(avutil.AV_SAMPLE_FMT_FLTP).sample_rate(profile.audioSampleRate());
        avutil.av_channel_layout_copy(frame.ch_layout(), stereo);
        AvError.check(avutil.av_frame_get_buffer(frame, 0), "Cannot allocate an audio frame");
    }

    AVCodecParameters parameters() {
        return parameters;
    }

    /** Encodes {@code input} whose first sample plays at {@code ptsMillis}. */
    void encode(AVFrame input, long ptsMillis, Consumer<AVPacket> sink) throws IOException {
        long expected = anchorMillis == Long.MIN_VALUE ? Long.MIN_VALUE
                : anchorMillis + (samples + avutil.av_audio_fifo_size(fifo)) * 1000 / profile.audioSampleRate();
        if (expected == Long.MIN_VALUE || Math.abs(ptsMillis - expected) > RESYNC_MILLIS) {
            // first input, or a jump (source switch): start counting samples from the program clock again
            avutil.av_audio_fifo_reset(fifo);
            anchorMillis = ptsMillis;
            samples = 0;
        }
        resample(input);
        while (avutil.av_audio_fifo_size(fifo) >= context.frame_size()) {
            AvError.check(avutil.av_frame_make_writable(frame), "Cannot reuse the audio frame");
            avutil.av_audio_fifo_read(fifo, frame.data(), context.frame_size());
            frame.pts(anchorMillis * profile.audioSampleRate() / 1000 + samples);
            samples += context.frame_size();
            AvError.check(avcodec.avcodec_send_frame(context, frame), "Cannot encode audio");
            while (true) {
                int result = avcodec.avcodec_receive_packet(context, packet);
                if (result == avutil.AVERROR_EAGAIN() || result == avutil.AVERROR_EOF) {
                    break;
                }
                AvError.check(result, "AAC encoder failed");
                try {
                    avcodec.av_packet_rescale_ts(packet, timeBase, LiveStreams.MILLIS);
                    packet.stream_index(LiveStreams.AUDIO);
                    sink.accept(packet);
                } finally {
                    avcodec.av_packet_unref(packet);
                }
            }
        }
    }

    private void resample(AVFrame input) throws IOException {
        String signature = input.format() + "/" + input.sample_rate() + "/" + input.ch_layout().nb_channels();
        if (resampler == null || !signature.equals(inputSignature)) {
            if (resampler != null) {
                swresample.swr_free(resampler);
            }
            resampler = new SwrContext(null);
            AvError.check(swresample.swr_alloc_set_opts2(resampler, stereo, avutil.AV_SAMPLE_FMT_FLTP,
                    profile.audioSampleRate(), input.ch_layout(), input.format(), input.sample_rate(), 0, null),
                    "Cannot set up the audio resampler");
            AvError.check(swresample.swr_init(resampler), "Cannot start the audio resampler");
            inputSignature = signature;
        }
        avutil.av_frame_unref(converted);
        converted.format(avutil.AV_SAMPLE_FMT_FLTP).sample_rate(profile.audioSampleRate());
        avutil.av_channel_layout_copy(converted.ch_layout(), stereo);
        AvError.check(swresample.swr_convert_frame(resampler, converted, input), "Cannot resample audio");
        if (converted.nb_samples() > 0) {
            avutil.av_audio_fifo_write(fifo, converted.data(), converted.nb_samples());
        }
    }

    @Override
    public void close() {
        if (resampler != null) {
            swresample.swr_free(resampler);
        }
        avcodec.avcodec_free_context(context);
        avutil.av_audio_fifo_free(fifo);
        avutil.av_frame_free(frame);
        avutil.av_frame_free(converted);
        avcodec.av_packet_free(packet);
        avcodec.avcodec_parameters_free(parameters);
        avutil.av_channel_layout_uninit(stereo);
    }
}
