package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avformat.avio_open2;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * A media output written packet by packet with libavformat, the one muxer of the FFmpeg layer.
 * <ul>
 * <li>A file ({@link #create}): streams copied from an input ({@link #addCopyOf}) or fed by an encoder
 * ({@link #addEncoded}); {@link #write} interleaves and keeps DTS monotonic ({@link MonotonicDts}); {@link #finish}
 * writes the trailer.</li>
 * <li>A live output ({@link #stream}: an RTMP/SRT push, HLS, a recording segment): connecting, the header and every
 * write run under an {@link IoDeadline}, so a stalled network costs at most the I/O timeout; {@link #send} writes at
 * once, in the caller's order; {@link #abort()} stops it from another thread; {@link #close()} writes the trailer.</li>
 * </ul>
 * Not thread-safe apart from {@link #abort()}; {@link #close()} frees everything, also after a failure.
 */
public final class Muxer implements AutoCloseable {

    /** Stream index of a live output's video ({@link #stream}). */
    public static final int VIDEO = 0;
    /** Stream index of a live output's audio, when it has one. */
    public static final int AUDIO = 1;

    private final String target;
    private final String description;
    private AVFormatContext context;
    private final List<AVRational> sourceTimeBases = new ArrayList<>();
    private final MonotonicDts monotonic = new MonotonicDts();
    /** Live outputs only. */
    private final IoDeadline deadline;
    private final Duration ioTimeout;
    private AVRational[] outputTimeBases;
    private long firstDts = Long.MIN_VALUE;
    private boolean headerWritten;
    private boolean finished;

    private Muxer(String target, String description, AVFormatContext context, Duration ioTimeout) {
        this.target = target;
        this.description = description;
        this.context = context;
        this.ioTimeout = ioTimeout;
        this.deadline = ioTimeout == null ? null : new IoDeadline();
        if (deadline != null) {
            deadline.install(context);
        }
    }

    /** A new output; {@code format} is a muxer name ("mp4", "flv", "mpegts"...) or null to guess from the name. */
    public static Muxer create(Path file, String format) {
        FFmpegRuntime.init();
        String target = file.toAbsolutePath().toString();
        AVFormatContext context = new AVFormatContext(null);
        FFmpegException.check(avformat_alloc_output_context2(context, null, format, target), "Cannot create output " + target);
        return new Muxer(target, target, context, null);
    }

    /**
     * A live output in {@code format} (flv, mpegts, hls) to {@code url}, connected and with its header written: a video
     * stream and (unless null) an audio stream with the given parameters, packets in milliseconds.
     *
     * @param url         where to write (a secret for pushes: never put it into messages, use {@code description})
     * @param description masked name for errors
     */
    public static Muxer stream(String format, String url, String description, AVCodecParameters video,
                               AVCodecParameters audio, Map<String, String> muxerOptions, Duration ioTimeout) {
        FFmpegRuntime.init();
        AVFormatContext allocated = new AVFormatContext(null);
        FFmpegException.check(avformat_alloc_output_context2(allocated, null, format, url),
                "Cannot prepare " + format + " output to " + description);
        Muxer muxer = new Muxer(url, description, allocated, ioTimeout);
        try {
            muxer.addStream(video, Timestamps.MILLIS);
            if (audio != null) {
                muxer.addStream(audio, Timestamps.MILLIS);
            }
            muxer.writeHeader(muxerOptions);
            return muxer;
        } catch (RuntimeException e) {
            boolean aborted = muxer.deadline.isAborted();
            muxer.close();
            if (aborted) {
                throw new FFmpegException(org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT(),
                        "Stopped while connecting to " + description, e);
            }
            throw e;
        }
    }

    public String formatName() {
        return context.oformat().name().getString();
    }

    /**
     * A stream carrying packets copied from {@code input}. The codec tag is cleared so the muxer picks its own:
     * MP4's tags are not valid in FLV and the other way round.
     */
    public int addCopyOf(AVStream input) {
        AVStream stream = avformat_new_stream(context, null);
        FFmpegException.check(avcodec_parameters_copy(stream.codecpar(), input.codecpar()), "Cannot copy stream parameters");
        stream.codecpar().codec_tag(0);
        stream.time_base(input.time_base());
        sourceTimeBases.add(input.time_base());
        return stream.index();
    }

    /** A stream with {@code parameters} whose packets come in {@code timeBase}. */
    public int addStream(AVCodecParameters parameters, AVRational timeBase) {
        AVStream stream = avformat_new_stream(context, null);
        if (stream == null) {
            throw new FFmpegException(org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM(), "Cannot add a stream for " + description);
        }
        FFmpegException.check(avcodec_parameters_copy(stream.codecpar(), parameters), "Cannot copy stream parameters");
        // FLV and MPEG-TS choose their own tags; a tag copied from MP4 or another FLV would be refused
        stream.codecpar().codec_tag(0);
        stream.time_base(timeBase);
        sourceTimeBases.add(timeBase);
        return stream.index();
    }

    /** A stream fed by {@code encoder} (opened, with AV_CODEC_FLAG_GLOBAL_HEADER when {@link #needsGlobalHeader()}). */
    public int addEncoded(AVCodecContext encoder) {
        AVStream stream = avformat_new_stream(context, null);
        FFmpegException.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "Cannot set stream parameters");
        stream.codecpar().codec_tag(0);
        stream.time_base(encoder.time_base());
        sourceTimeBases.add(encoder.time_base());
        return stream.index();
    }

    /** MP4, MOV, FLV keep codec headers once per stream rather than in the packets. */
    public boolean needsGlobalHeader() {
        return (context.oformat().flags() & org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER) != 0;
    }

    public AVStream stream(int index) {
        return context.streams(index);
    }

    /** Opens the file (or connects) and writes the header; {@code options} are muxer options such as movflags=+faststart. */
    public void writeHeader(Map<String, String> options) {
        arm();
        if ((context.oformat().flags() & AVFMT_NOFILE) == 0) {
            AVIOContext io = new AVIOContext(null);
            if (deadline == null) {
                FFmpegException.check(avio_open(io, target, AVIO_FLAG_WRITE), "Cannot open " + target + " for writing");
            } else {
                AVDictionary ioOptions = new AVDictionary(null);
                if (target.contains("://")) {
                    av_dict_set(ioOptions, "rw_timeout", String.valueOf(ioTimeout.toNanos() / 1000), 0);
                }
                try {
                    FFmpegException.check(avio_open2(io, target, AVIO_FLAG_WRITE, context.interrupt_callback(), ioOptions),
                            "Cannot connect to " + description);
                } finally {
                    av_dict_free(ioOptions);
                }
            }
            context.pb(io);
        }
        AVDictionary dictionary = new AVDictionary(null);
        options.forEach((k, v) -> av_dict_set(dictionary, k, v, 0));
        try {
            FFmpegException.check(avformat_write_header(context, dictionary), "Cannot write the header of " + description);
        } finally {
            av_dict_free(dictionary);
        }
        headerWritten = true;
        // read once: every struct returned by value is a native allocation that only the GC would free
        outputTimeBases = new AVRational[context.nb_streams()];
        for (int i = 0; i < outputTimeBases.length; i++) {
            outputTimeBases[i] = context.streams(i).time_base();
        }
        disarm();
    }

    /**
     * Writes a packet whose timestamps are in the time base of its source (the copied input stream or the encoder)
     * and whose stream_index is the output stream. The muxer takes the packet's data; the packet is left blank.
     */
    public void write(AVPacket packet) {
        int index = packet.stream_index();
        av_packet_rescale_ts(packet, sourceTimeBases.get(index), outputTimeBases[index]);
        packet.pos(-1);
        monotonic.apply(packet);
        FFmpegException.check(av_interleaved_write_frame(context, packet), "Cannot write to " + target);
    }

    /**
     * Writes {@code packet} at once, without the interleaving queue: for live outputs, whose packets come in program
     * order. Timestamps in the stream's source time base, changed in place (pass a packet you own); DTS kept monotonic
     * before rescaling. FLV refuses any packet older than the first one written (its "delay"): audio queued just behind
     * the starting keyframe is such a packet, and is skipped. Fails after the I/O timeout or an {@link #abort()}.
     */
    public void send(AVPacket packet) {
        int index = packet.stream_index();
        if (index >= outputTimeBases.length) {
            return;
        }
        monotonic.fix(index, packet);
        if (firstDts == Long.MIN_VALUE) {
            firstDts = packet.dts();
        } else if (packet.dts() < firstDts) {
            return;
        }
        av_packet_rescale_ts(packet, sourceTimeBases.get(index), outputTimeBases[index]);
        arm();
        int result = av_write_frame(context, packet);
        disarm();
        if (result < 0) {
            if (deadline != null && deadline.isAborted()) {
                throw new FFmpegException(result, "Stopped");
            }
            throw new FFmpegException(result, "Cannot send " + (index == VIDEO ? "video" : "audio") + " at " + packet.dts()
                    + " to " + description);
        }
    }

    /** Interrupts the current write or connect from another thread; the muxer is unusable afterwards. */
    public void abort() {
        if (deadline != null) {
            deadline.abort();
        }
    }

    private void arm() {
        if (deadline != null) {
            deadline.arm(ioTimeout);
        }
    }

    private void disarm() {
        if (deadline != null) {
            deadline.disarm();
        }
    }

    /** Flushes the interleaving queue and writes the trailer (the MP4 index). */
    public void finish() {
        if (headerWritten && !finished) {
            finished = true;
            FFmpegException.check(av_write_trailer(context), "Cannot finish " + target);
        }
    }

    /** Frees the output; a live output writes its trailer first (at most 2 s more), a file only on {@link #finish}. */
    @Override
    public void close() {
        if (context == null) {
            return;
        }
        if (deadline != null && headerWritten && !finished && !deadline.isAborted()) {
            finished = true;
            deadline.arm(Duration.ofSeconds(2));
            av_write_trailer(context);
        }
        if ((context.oformat().flags() & AVFMT_NOFILE) == 0 && context.pb() != null) {
            avio_closep(context.pb());
            context.pb(null);
        }
        avformat_free_context(context);
        context = null;
        if (deadline != null) {
            deadline.close();
        }
    }
}
