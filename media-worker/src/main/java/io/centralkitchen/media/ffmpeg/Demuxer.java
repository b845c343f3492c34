package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;

/**
 * An opened media input read packet by packet with libavformat: a file, a URL (pulled feed) or an in-memory byte
 * stream (an RTMP publish, the test pattern). Every blocking call of a network or in-memory input runs under an
 * {@link IoDeadline} set from the {@link InputOptions}, and {@link #abort()} stops its read from another thread.
 * Not thread-safe otherwise; close it to free the native context.
 */
public final class Demuxer implements AutoCloseable {

    private final String description;
    private final InputOptions options;
    private final IoDeadline deadline = new IoDeadline();
    private AVFormatContext context;
    private StreamInput streamInput;
    private int videoIndex = -1;
    private int audioIndex = -1;
    private AVRational[] timeBases;

    private Demuxer(String description, InputOptions options) {
        this.description = description;
        this.options = options;
    }

    public static Demuxer open(Path file) {
        return open(file, InputOptions.DEFAULT);
    }

    /** A local file: opened as a {@code file:} URL, so that no name can be taken for another protocol. */
    public static Demuxer open(Path file, InputOptions options) {
        String path = file.toAbsolutePath().toString();
        return open("file:" + path, path, options);
    }

    /**
     * Opens and probes a file or URL; {@link FFmpegException} when it is not readable media.
     *
     * @param description names the input in errors (a masked form for URLs that carry secrets)
     */
    public static Demuxer open(String url, String description, InputOptions options) {
        Demuxer demuxer = new Demuxer(description, options);
        try {
            demuxer.start(url, null, true);
            return demuxer;
        } catch (RuntimeException e) {
            demuxer.close();
            throw e;
        }
    }

    /** Reads a byte stream in {@code format} (e.g. "flv"); the stream's own read timeout ends a silent source. */
    public static Demuxer open(InputStream in, String format, String description, InputOptions options) {
        Demuxer demuxer = new Demuxer(description, options);
        try {
            demuxer.context = avformat_alloc_context();
            demuxer.streamInput = new StreamInput(in);
            // with pb set before opening, FFmpeg marks the context AVFMT_FLAG_CUSTOM_IO and leaves pb to us
            demuxer.context.pb(demuxer.streamInput.io());
            demuxer.start(null, av_find_input_format(format), true);
            return demuxer;
        } catch (RuntimeException e) {
            demuxer.close();
            throw e;
        }
    }

    /**
     * Opens another piece of the same recording as {@code model} (the next MPEG-TS segment of a live recording, say)
     * without probing it: avformat_find_stream_info decodes pictures and costs several times more than reading a whole
     * 4-second segment, and the container format is the model's. Its video and audio are the streams of the model's
     * codecs (the same stream id preferred), and they get the model's codec parameters: from those libavformat derives
     * packet durations and missing timestamps (AAC in MPEG-TS), so the packets read are the ones a probed open gives.
     * Only for pieces made with the model's parameters; a piece without a stream of the model's video codec has no
     * video ({@link #hasVideo()} false).
     */
    public static Demuxer openLike(Path file, Demuxer model) {
        String url = file.toAbsolutePath().toString();
        Demuxer demuxer = new Demuxer(url, model.options);
        try {
            demuxer.start("file:" + url, model.context.iformat(), false);
            demuxer.videoIndex = adopt(demuxer.context, model.video(), url);
            demuxer.audioIndex = adopt(demuxer.context, model.audio(), url);
            return demuxer;
        } catch (RuntimeException e) {
            demuxer.close();
            throw e;
        }
    }

    /** @param format the container's format, or null to probe it */
    private void start(String url, AVInputFormat format, boolean probe) {
        FFmpegRuntime.init();
        if (context == null) {
            context = avformat_alloc_context();
        }
        if (url == null || url.contains("://")) {
            // network and in-memory inputs; a local file cannot stall, and the callback, a call from native code into
            // the JVM on every read, costs measurable time on hour-long recordings
            deadline.install(context);
        }
        AVDictionary dictionary = options.dictionary(url != null && url.contains("://"));
        deadline.arm(options.readTimeout().plusSeconds(5));
        try {
            int opened = avformat_open_input(context, url, format, dictionary);
            if (opened < 0) {
                context = null; // FFmpeg freed it
                throw new FFmpegException(opened, "Cannot open " + description);
            }
            if (probe) {
                FFmpegException.check(avformat_find_stream_info(context, (AVDictionary) null),
                        "Cannot read the streams of " + description);
            }
        } finally {
            av_dict_free(dictionary);
            deadline.disarm();
        }
        if (probe) {
            videoIndex = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
            audioIndex = av_find_best_stream(context, AVMEDIA_TYPE_AUDIO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
        }
        timeBases = new AVRational[context.nb_streams()];
        for (int i = 0; i < timeBases.length; i++) {
            timeBases[i] = context.streams(i).time_base(); // once: by-value structs are native allocations
        }
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

    /** The name of the input in messages (masked for URLs with secrets). */
    public String description() {
        return description;
    }

    public String url() {
        return description;
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

    public AVCodecParameters parameters(int index) {
        return context.streams(index).codecpar();
    }

    /** The stream's time base, read once at opening (JavaCPP allocates on every accessor call). */
    public AVRational timeBase(int index) {
        return index < timeBases.length ? timeBases[index] : stream(index).time_base();
    }

    /** Frames per second of the video, 25 when the source does not say. */
    public double fps() {
        AVRational rate = av_guess_frame_rate(context, context.streams(videoIndex), null);
        double fps = rate.den() == 0 ? 0 : (double) rate.num() / rate.den();
        return fps > 1 && fps <= 120 ? fps : 25;
    }

    /**
     * Reads the next packet into {@code packet} (unref'd first); false at the end of the input. A read that gets no
     * data within the read timeout, or is {@link #abort() aborted}, fails with {@link FFmpegException}.
     */
    public boolean read(AVPacket packet) {
        av_packet_unref(packet);
        deadline.arm(options.readTimeout());
        int ret = av_read_frame(context, packet);
        if (ret == AVERROR_EOF()) {
            return false;
        }
        if (ret < 0 && deadline.expired()) {
            throw new FFmpegException(AVERROR_EXIT(), deadline.isAborted() ? "Stopped reading " + description
                    : "No data from " + description + " for " + options.readTimeout().toMillis() + " ms");
        }
        FFmpegException.check(ret, "Cannot read " + description);
        return true;
    }

    /** Seeks the main video stream (or the audio stream) to the keyframe at or before {@code micros}. */
    public void seekToKeyframeBefore(long micros) {
        int index = hasVideo() ? videoIndex : audioIndex;
        long ts = Timestamps.fromMicros(micros, timeBase(index));
        FFmpegException.check(av_seek_frame(context, index, ts, AVSEEK_FLAG_BACKWARD), "Cannot seek in " + description);
    }

    /** Duration declared by the container, in microseconds (0 when unknown). */
    public long durationMicros() {
        long d = context.duration();
        return d > 0 ? d : 0;
    }

    /** Interrupts a blocking read from another thread (a show stopping); the demuxer is unusable afterwards. */
    public void abort() {
        deadline.abort();
    }

    @Override
    public void close() {
        if (context != null) {
            avformat_close_input(context);
            context = null;
        }
        if (streamInput != null) {
            streamInput.close();
            streamInput = null;
        }
        deadline.close();
    }
}
