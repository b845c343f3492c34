package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.AvError;
import io.centralkitchen.media.ffmpeg.IoDeadline;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

/**
 * Reads the packets of one ingest: a URL (pull, file) or a byte stream (an RTMP publish received by
 * {@link RtmpIngestServer}, the test pattern). Every blocking read has a deadline; a silent source ends the read.
 */
final class Demuxer implements AutoCloseable {

    private static final Map<Long, InputStream> STREAMS = new ConcurrentHashMap<>();
    private static final ReadCallback READ = new ReadCallback();

    private final IoDeadline deadline = new IoDeadline();
    private final Duration readTimeout;
    private AVFormatContext context;
    private AVIOContext customIo;
    private IntPointer streamKey;
    private int videoIndex = -1;
    private AVRational[] timeBases;
    private int audioIndex = -1;
    private final String description;

    private static final class ReadCallback extends Read_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buffer, int size) {
            InputStream in = STREAMS.get(opaque.address());
            if (in == null) {
                return avutil.AVERROR_EOF;
            }
            try {
                byte[] chunk = new byte[size];
                int n = in.read(chunk, 0, size);
                if (n <= 0) {
                    return avutil.AVERROR_EOF;
                }
                buffer.position(0).put(chunk, 0, n);
                return n;
            } catch (IOException e) {
                return avutil.AVERROR_EOF;
            }
        }
    }

    private Demuxer(String description, Duration readTimeout) {
        this.description = description;
        this.readTimeout = readTimeout;
    }

    /** Opens a URL or file; {@code description} (masked) names it in errors. */
    static Demuxer open(String url, String description, Duration readTimeout) throws IOException {
        return open(url, Map.of(), description, readTimeout);
    }

    /** Opens a URL or file with protocol/format options (e.g. {@code listen=1} for an RTMP server). */
    static Demuxer open(String url, Map<String, String> extraOptions, String description, Duration readTimeout)
            throws IOException {
        Demuxer demuxer = new Demuxer(description, readTimeout);
        try {
            demuxer.context = avformat.avformat_alloc_context();
            demuxer.deadline.install(demuxer.context);
            AVDictionary options = new AVDictionary(null);
            if (url.contains("://")) {
                avutil.av_dict_set(options, "rw_timeout", String.valueOf(readTimeout.toNanos() / 1000), 0);
            }
            extraOptions.forEach((k, v) -> avutil.av_dict_set(options, k, v, 0));
            demuxer.start(url, null, options);
            return demuxer;
        } catch (IOException | RuntimeException e) {
            demuxer.close();
            throw e;
        }
    }

    /** Reads a byte stream in {@code format} (e.g. "flv"); the stream's own read timeout ends a silent source. */
    static Demuxer open(InputStream in, String format, String description, Duration readTimeout) throws IOException {
        Demuxer demuxer = new Demuxer(description, readTimeout);
        try {
            demuxer.context = avformat.avformat_alloc_context();
            demuxer.deadline.install(demuxer.context);
            demuxer.streamKey = new IntPointer(1);
            STREAMS.put(demuxer.streamKey.address(), in);
            BytePointer buffer = new BytePointer(avutil.av_malloc(32 * 1024));
            demuxer.customIo = avformat.avio_alloc_context(buffer, 32 * 1024, 0, demuxer.streamKey, READ, null, null);
            // with pb set before opening, FFmpeg marks the context AVFMT_FLAG_CUSTOM_IO and leaves pb to us
            demuxer.context.pb(demuxer.customIo);
            demuxer.start(null, avformat.av_find_input_format(format), new AVDictionary(null));
            return demuxer;
        } catch (IOException | RuntimeException e) {
            demuxer.close();
            throw e;
        }
    }

    private void start(String url, org.bytedeco.ffmpeg.avformat.AVInputFormat format, AVDictionary options) throws IOException {
        avutil.av_dict_set(options, "analyzeduration", "1500000", 0);
        avutil.av_dict_set(options, "probesize", "1000000", 0);
        deadline.arm(readTimeout.plusSeconds(5));
        try {
            AvError.check(avformat.avformat_open_input(context, url, format, options), "Cannot open " + description);
            AvError.check(avformat.avformat_find_stream_info(context, (AVDictionary) null), "Cannot read the streams of " + description);
        } finally {
            avutil.av_dict_free(options);
        }
        videoIndex = avformat.av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
        audioIndex = avformat.av_find_best_stream(context, AVMEDIA_TYPE_AUDIO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
        if (videoIndex < 0) {
            throw new IOException(description + " carries no video");
        }
        timeBases = new AVRational[context.nb_streams()];
        for (int i = 0; i < timeBases.length; i++) {
            timeBases[i] = context.streams(i).time_base(); // once: by-value structs are native allocations
        }
    }

    /** The next packet into {@code packet}; false at the end of the source (or when it fell silent). */
    boolean read(AVPacket packet) throws IOException {
        deadline.arm(readTimeout);
        int result = avformat.av_read_frame(context, packet);
        if (result == avutil.AVERROR_EOF || (result < 0 && deadline.expired())) {
            return false;
        }
        AvError.check(result, "Cannot read " + description);
        return true;
    }

    int videoIndex() {
        return videoIndex;
    }

    int audioIndex() {
        return audioIndex;
    }

    AVStream stream(int index) {
        return context.streams(index);
    }

    AVCodecParameters parameters(int index) {
        return context.streams(index).codecpar();
    }

    AVRational timeBase(int index) {
        return timeBases[index];
    }

    /** Frames per second of the video, 25 when the source does not say. */
    double fps() {
        AVRational rate = avformat.av_guess_frame_rate(context, context.streams(videoIndex), null);
        double fps = rate.den() == 0 ? 0 : (double) rate.num() / rate.den();
        return fps > 1 && fps <= 120 ? fps : 25;
    }

    /** Interrupts a blocking read from another thread (show stopping). */
    void abort() {
        deadline.abort();
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        if (context != null) {
            avformat.avformat_close_input(context);
            context = null;
        }
        if (customIo != null) {
            avutil.av_free(customIo.buffer());
            avformat.avio_context_free(customIo);
            customIo = null;
        }
        if (streamKey != null) {
            STREAMS.remove(streamKey.address());
            streamKey.close();
        }
        deadline.close();
    }
}
