package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.FFmpegException;
import io.centralkitchen.media.ffmpeg.FilterGraph;
import io.centralkitchen.media.ffmpeg.H264Settings;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.StreamDecoder;
import io.centralkitchen.media.ffmpeg.StreamEncoder;
import io.centralkitchen.media.ffmpeg.Timestamps;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Path;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_describe;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

/**
 * Decode → libavfilter → encode → mux on FFmpeg's own frames, passed by reference from stage to stage: the same
 * work the ffmpeg command line does for a transcode, with no copies or pixel conversions in between.
 */
final class TranscodePipeline implements AutoCloseable {

    private final Demuxer in;
    private final Muxer out;
    private final MediaInfo media;
    private final Progress progress;
    private final long originVideo;
    private final long originAudio;
    private StreamDecoder videoDecoder;
    private FilterGraph videoGraph;
    private StreamEncoder videoEncoder;
    private int videoOut;
    private long videoFrameDuration;
    private StreamDecoder audioDecoder;
    private FilterGraph audioGraph;
    private StreamEncoder audioEncoder;
    private int audioOut = -1;

    TranscodePipeline(Demuxer in, Muxer out, MediaInfo media, TranscodeProfile profile, Progress progress) {
        this(in, out, media, profile, progress, null);
    }

    /** @param overlay a picture of the profile's size laid over every frame (a caption band, a watermark); null: none */
    TranscodePipeline(Demuxer in, Muxer out, MediaInfo media, TranscodeProfile profile, Progress progress, Path overlay) {
        this.in = in;
        this.out = out;
        this.media = media;
        this.progress = progress;
        long start = Probe.mediaStart(in);
        this.originVideo = Timestamps.fromMicros(start, in.video().time_base());
        this.originAudio = in.hasAudio() ? Timestamps.fromMicros(start, in.audio().time_base()) : 0;
        openVideo(profile, overlay);
        if (in.hasAudio()) {
            openAudio(profile);
        }
    }

    private void openVideo(TranscodeProfile profile, Path overlay) {
        AVStream stream = in.video();
        videoDecoder = new StreamDecoder(stream);
        double sourceFps = media.video().frameRate() > 0 ? media.video().frameRate() : 25;
        double fps = profile.frameRate() > 0 ? profile.frameRate() : sourceFps;
        AVCodecContext d = videoDecoder.context();
        videoGraph = FilterGraph.video(videoGraph(profile.videoFilter(sourceFps), overlay), d.width(), d.height(),
                d.pix_fmt(), stream.time_base(), stream.codecpar().sample_aspect_ratio());
        videoEncoder = new StreamEncoder("libx264");
        AVCodecContext e = videoEncoder.context();
        e.width(profile.width()).height(profile.height()).pix_fmt(AV_PIX_FMT_YUV420P);
        e.time_base(videoGraph.outputTimeBase()).framerate(av_d2q(fps, 100_000)).sample_aspect_ratio(av_make_q(1, 1));
        H264Settings x264 = profile.h264(fps);
        x264.applyTo(e);
        if (out.needsGlobalHeader()) {
            e.flags(e.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        videoEncoder.open(x264.options());
        videoOut = out.addEncoded(e);
        videoFrameDuration = Math.max(1, Math.round(1.0 / (fps * av_q2d(e.time_base()))));
    }

    /**
     * The fit, then the overlay (a still picture read by libavfilter's {@code movie} source, repeated over every frame:
     * {@code eof_action=repeat}), in 4:2:0 for x264.
     */
    static String videoGraph(String fit, Path overlay) {
        if (overlay == null) {
            return fit + ",format=yuv420p";
        }
        String file = overlay.toAbsolutePath().toString();
        if (file.contains("'") || file.contains("\\")) {
            throw new IllegalArgumentException("The overlay's path must not contain quotes or backslashes: " + file);
        }
        return fit + "[fitted];movie=filename='" + file + "',format=rgba[overlay];"
                + "[fitted][overlay]overlay=0:0:eof_action=repeat:format=yuv420,format=yuv420p";
    }

    private void openAudio(TranscodeProfile profile) {
        AVStream stream = in.audio();
        audioDecoder = new StreamDecoder(stream);
        audioEncoder = new StreamEncoder("aac");
        AVCodecContext e = audioEncoder.context();
        e.sample_rate(profile.audioSampleRate()).sample_fmt(AV_SAMPLE_FMT_FLTP).bit_rate(profile.audioBitrate());
        av_channel_layout_default(e.ch_layout(), profile.audioChannels());
        e.time_base(av_make_q(1, profile.audioSampleRate()));
        if (out.needsGlobalHeader()) {
            e.flags(e.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        audioEncoder.open(Map.of());
        AVCodecContext d = audioDecoder.context();
        String target = layout(e);
        audioGraph = FilterGraph.audio("aresample=" + profile.audioSampleRate() + ",aformat=sample_fmts=fltp:channel_layouts="
                + target, d.sample_rate(), d.sample_fmt(), layout(d), stream.time_base(), e.frame_size());
        audioOut = out.addEncoded(e);
    }

    private static String layout(AVCodecContext c) {
        byte[] name = new byte[64];
        int n = av_channel_layout_describe(c.ch_layout(), name, name.length);
        return n > 1 ? new String(name, 0, n - 1) : c.ch_layout().nb_channels() == 1 ? "mono" : "stereo";
    }

    void run() {
        out.writeHeader(Containers.muxerOptions(out.formatName()));
        long duration = Math.max(1, media.durationMicros());
        AVPacket packet = Packets.alloc();
        try {
            while (in.read(packet)) {
                if (packet.stream_index() == in.videoIndex()) {
                    videoDecoder.decode(packet, this::filterVideo);
                    progress.update(Timestamps.toMicros(packet.dts() - originVideo, in.video().time_base()) / (double) duration);
                } else if (packet.stream_index() == in.audioIndex() && audioDecoder != null) {
                    audioDecoder.decode(packet, this::filterAudio);
                }
            }
        } finally {
            Packets.free(packet);
        }
        videoDecoder.flush(this::filterVideo);
        videoGraph.push(null, this::encodeVideo);
        videoEncoder.flush(this::writeVideo);
        if (audioDecoder != null) {
            audioDecoder.flush(this::filterAudio);
            audioGraph.push(null, this::encodeAudio);
            audioEncoder.flush(this::writeAudio);
        }
        out.finish();
    }

    private void filterVideo(AVFrame frame) {
        frame.pts(frame.best_effort_timestamp() - originVideo);
        videoGraph.push(frame, this::encodeVideo);
    }

    private void encodeVideo(AVFrame frame) {
        frame.pict_type(AV_PICTURE_TYPE_NONE); // keyframes where the profile puts them, not where the source had them
        videoEncoder.encode(frame, this::writeVideo);
    }

    private void writeVideo(AVPacket packet) {
        if (packet.duration() <= 0) {
            // the MP4 muxer ends the edit list at the last packet's end: without a duration, the last picture (of a
            // one-frame video: the only one) lies outside it and players drop it
            packet.duration(videoFrameDuration);
        }
        packet.stream_index(videoOut);
        out.write(packet);
    }

    private void filterAudio(AVFrame frame) {
        frame.pts(frame.best_effort_timestamp() - originAudio);
        audioGraph.push(frame, this::encodeAudio);
    }

    private void encodeAudio(AVFrame frame) {
        AVRational from = audioGraph.outputTimeBase();
        frame.pts(Timestamps.rescale(frame.pts(), from, audioEncoder.context().time_base()));
        audioEncoder.encode(frame, this::writeAudio);
    }

    private void writeAudio(AVPacket packet) {
        packet.stream_index(audioOut);
        out.write(packet);
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[]{videoDecoder, videoGraph, videoEncoder, audioDecoder, audioGraph, audioEncoder}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // freeing native contexts does not fail in a way we could act on
                }
            }
        }
    }

    /** Runs a whole transcode of {@code source} into {@code target}. */
    static void transcode(Path source, TranscodeProfile profile, Path target, Progress progress, MediaLimits limits) {
        transcode(source, profile, target, progress, limits, null);
    }

    /** Runs a whole transcode of {@code source} into {@code target}, with {@code overlay} over every picture if given. */
    static void transcode(Path source, TranscodeProfile profile, Path target, Progress progress, MediaLimits limits, Path overlay) {
        try (Demuxer in = Probe.openMedia(source, limits); Muxer out = Muxer.create(target, Containers.formatFor(target))) {
            MediaInfo media = Probe.describe(in, source, true, limits);
            try (TranscodePipeline pipeline = new TranscodePipeline(in, out, media, profile, progress, overlay)) {
                pipeline.run();
            }
        } catch (FFmpegException e) {
            if (!e.isInvalidData()) {
                throw new IllegalStateException("Transcoding to profile '" + profile.name() + "' failed: " + e.getMessage(), e);
            }
            throw new MediaInvalidException("Decoding the source failed part-way (FFmpeg: " + FFmpegException.describe(e.code())
                    + "): the file is damaged. Upload an intact copy.", e);
        }
    }
}
