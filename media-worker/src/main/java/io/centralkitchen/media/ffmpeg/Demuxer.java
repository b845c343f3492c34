package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Path;
import java.time.Duration;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * An opened media input (file or URL) read packet by packet with libavformat. Network inputs get an I/O timeout
 * ({@code rw_timeout}) so a dead peer cannot hang a job. Not thread-safe; close it to free the native context.
 */
public final class Demuxer implements AutoCloseable {

    /** I/O timeout for network inputs; local files ignore it. */
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(30);

    private final String url;
    private AVFormatContext context;
    private final int videoIndex;
    private final int audioIndex;

    private Demuxer(String url, AVFormatContext context) {
        this(url, context, av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0),
                av_find_best_stream(context, AVMEDIA_TYPE_AUDIO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0));
    }

    private Demuxer(String url, AVFormatContext context, int videoIndex, int audioIndex) {
        this.url = url;
        this.context = context;
        this.videoIndex = videoIndex;
        this.audioIndex = audioIndex;
    }

    public static Demuxer open(Path file) {
        return open(file.toAbsolutePath().toString(), DEFAULT_IO_TIMEOUT);
    }

    /** Opens and probes the input; {@link FFmpegException} when it is not readable media. */
    public static Demuxer open(String url, Duration ioTimeout) {
        AVFormatContext context = openInput(url, null, ioTimeout);
        try {
            FFmpegException.check(avformat_find_stream_info(context, (AVDictionary) null), "Cannot read the streams of " + url);
            return new Demuxer(url, context);
        } catch (RuntimeException e) {
            avformat_close_input(context);
            throw e;
        }
    }

    /**
     * Opens another piece of the same recording as {@code model} (the next MPEG-TS segment of a live recording, say)
     * without probing it: avformat_find_stream_info decodes pictures and costs several times more than reading a whole
     * 4-second segment, and the container format is the model's. Its video and audio are the streams of the model's codecs (the same stream id preferred), and
     * they get the model's codec parameters: from those libavformat derives packet durations and missing timestamps
     * (AAC in MPEG-TS), so the packets read are the ones a probed open gives. Only for pieces made with the model's
     * parameters; a piece without a stream of the model's video codec has no video ({@link #hasVideo()} false).
     */
    public static Demuxer openLike(Path file, Demuxer model) {
        String url = file.toAbsolutePath().toString();
        AVFormatContext context = openInput(url, model.context().iformat(), DEFAULT_IO_TIMEOUT);
        try {
            return new Demuxer(url, context, adopt(context, model.video(), url), adopt(context, model.audio(), url));
        } catch (RuntimeException e) {
            avformat_close_input(context);
            throw e;
        }
    }

    /** @param format the container's format, or null to probe it */
    private static AVFormatContext openInput(String url, AVInputFormat format, Duration ioTimeout) {
        FFmpegRuntime.init();
        AVFormatContext context = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "rw_timeout", Long.toString(ioTimeout.toNanos() / 1000), 0);
        try {
            FFmpegException.check(avformat_open_input(context, url, format, options), "Cannot open " + url);
        } finally {
            av_dict_free(options);
        }
        return context;
    }

    /** Index of the stream of {@code context} that carries what {@code model} carries (given its parameters), or -1. */
    private static int adopt(AVFormatContext context, AVStream model, String url) {
        if (model == null) {
            return -1;
        }
        AVCodecParameters wanted = model.codecpar();
        int found = -1;
        for (int i = 0; i < context.nb_streams(); i++) {
            AVCodecParameters candidate = context.streams(i).codecpar();
            if (candidate.codec_type() == wanted.codec_type() && candidate.codec_id() == wanted.codec_id()
                    && (found < 0 || context.streams(i).id() == model.id())) {
                found = i;
            }
        }
        if (found >= 0) {
            FFmpegException.check(avcodec_parameters_copy(context.streams(found).codecpar(), wanted),
                    "Cannot take the stream parameters for " + url);
        }
        return found;
    }

    public String url() {
        return url;
    }

    public AVFormatContext context() {
        return context;
    }

    /** Index of the main video stream, or a negative number when there is none. */
    public int videoIndex() {
        return videoIndex;
    }

    public int audioIndex() {
        return audioIndex;
    }

    public boolean hasVideo() {
        return videoIndex >= 0;
    }

    public boolean hasAudio() {
        return audioIndex >= 0;
    }

    public AVStream stream(int index) {
        return context.streams(index);
    }

    public AVStream video() {
        return hasVideo() ? stream(videoIndex) : null;
    }

    public AVStream audio() {
        return hasAudio() ? stream(audioIndex) : null;
    }

    public AVRational timeBase(int index) {
        return stream(index).time_base();
    }

    /** Reads the next packet into {@code packet} (unref'd first); false at the end of the input. */
    public boolean read(AVPacket packet) {
        org.bytedeco.ffmpeg.global.avcodec.av_packet_unref(packet);
        int ret = av_read_frame(context, packet);
        if (ret == AVERROR_EOF()) {
            return false;
        }
        FFmpegException.check(ret, "Cannot read " + url);
        return true;
    }

    /** Seeks the main video stream (or the audio stream) to the keyframe at or before {@code micros}. */
    public void seekToKeyframeBefore(long micros) {
        int index = hasVideo() ? videoIndex : audioIndex;
        long ts = Timestamps.fromMicros(micros, timeBase(index));
        FFmpegException.check(av_seek_frame(context, index, ts, AVSEEK_FLAG_BACKWARD), "Cannot seek in " + url);
    }

    /** Duration declared by the container, in microseconds (0 when unknown). */
    public long durationMicros() {
        long d = context.duration();
        return d > 0 ? d : 0;
    }

    @Override
    public void close() {
        if (context != null) {
            avformat_close_input(context);
            context = null;
        }
    }
}
