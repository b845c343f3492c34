package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.AvError;
import io.centralkitchen.media.ffmpeg.IoDeadline;
import io.centralkitchen.media.ffmpeg.MonotonicDts;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * One connection (or file) written with libavformat: the program's video and audio packets (milliseconds) go out in
 * {@code format} (flv, mpegts, hls). Opening and every write run under an {@link IoDeadline}, so a stalled network
 * costs at most the I/O timeout and never blocks anybody else; {@link #abort()} stops it from another thread.
 */
final class OutputMuxer implements AutoCloseable {

    private final IoDeadline deadline = new IoDeadline();
    private final Duration ioTimeout;
    private final String description;
    private final MonotonicDts dts = new MonotonicDts();
    private AVFormatContext context;
    private boolean headerWritten;
    private long firstDts = Long.MIN_VALUE;
    private AVRational[] timeBases;
    private boolean opened;

    /**
     * @param url         where to write (a secret for pushes: never put it into messages, use {@code description})
     * @param description masked name for errors
     */
    OutputMuxer(String format, String url, String description, AVCodecParameters video, AVCodecParameters audio,
                Map<String, String> muxerOptions, Duration ioTimeout) throws IOException {
        this.ioTimeout = ioTimeout;
        this.description = description;
        try {
            AVFormatContext allocated = new AVFormatContext(null);
            AvError.check(avformat.avformat_alloc_output_context2(allocated, null, format, url),
                    "Cannot prepare " + format + " output to " + description);
            context = allocated;
            deadline.install(context);
            addStream(video);
            if (audio != null) {
                addStream(audio);
            }
            deadline.arm(ioTimeout);
            if ((context.oformat().flags() & avformat.AVFMT_NOFILE) == 0) {
                AVIOContext io = new AVIOContext(null);
                AVDictionary ioOptions = new AVDictionary(null);
                if (url.contains("://")) {
                    avutil.av_dict_set(ioOptions, "rw_timeout", String.valueOf(ioTimeout.toNanos() / 1000), 0);
                }
                try {
                    AvError.check(avformat.avio_open2(io, url, avformat.AVIO_FLAG_WRITE, context.interrupt_callback(), ioOptions),
                            "Cannot connect to " + description);
                } finally {
                    avutil.av_dict_free(ioOptions);
                }
                context.pb(io);
                opened = true;
            }
            AVDictionary options = new AVDictionary(null);
            muxerOptions.forEach((k, v) -> avutil.av_dict_set(options, k, v, 0));
            try {
                AvError.check(avformat.avformat_write_header(context, options), "Cannot start the stream to " + description);
            } finally {
                avutil.av_dict_free(options);
            }
            headerWritten = true;
            // read once: every struct returned by value is a native allocation that only the GC would free
            timeBases = new AVRational[(int) context.nb_streams()];
            for (int i = 0; i < timeBases.length; i++) {
                timeBases[i] = context.streams(i).time_base();
            }
            deadline.disarm();
        } catch (IOException | RuntimeException e) {
            boolean aborted = deadline.isAborted();
            close();
            if (aborted) {
                throw new IOException("Stopped while connecting to " + description, e);
            }
            throw e;
        }
    }

    private void addStream(AVCodecParameters parameters) throws IOException {
        AVStream stream = avformat.avformat_new_stream(context, null);
        if (stream == null) {
            throw new IOException("Cannot add a stream for " + description);
        }
        AvError.check(avcodec.avcodec_parameters_copy(stream.codecpar(), parameters), "Cannot copy stream parameters");
        // FLV and MPEG-TS choose their own tags; a tag copied from MP4 or another FLV would be refused
        stream.codecpar().codec_tag(0);
        stream.time_base(LiveStreams.MILLIS);
    }

    /**
     * Writes {@code packet} (stream {@link LiveStreams#VIDEO}/{@link LiveStreams#AUDIO}, milliseconds). The packet's
     * timestamps are changed in place: pass a packet you own.
     */
    void write(AVPacket packet) throws IOException {
        int index = packet.stream_index();
        if (index >= context.nb_streams()) {
            return;
        }
        dts.fix(index, packet);
        // FLV refuses any packet older than the first one written (its "delay"); audio queued just behind the
        // starting keyframe is such a packet: skip it
        if (firstDts == Long.MIN_VALUE) {
            firstDts = packet.dts();
        } else if (packet.dts() < firstDts) {
            return;
        }
        avcodec.av_packet_rescale_ts(packet, LiveStreams.MILLIS, timeBases[index]);
        deadline.arm(ioTimeout);
        int result = avformat.av_write_frame(context, packet);
        deadline.disarm();
        if (result < 0) {
            throw deadline.isAborted() ? new IOException("Stopped") : new AvError("Cannot send "
                    + (index == LiveStreams.VIDEO ? "video" : "audio") + " at " + packet.dts() + " ms to " + description, result);
        }
    }

    /** Interrupts the current write or connect from another thread; the muxer is unusable afterwards. */
    void abort() {
        deadline.abort();
    }

    @Override
    public void close() {
        if (context != null) {
            if (headerWritten && !deadline.isAborted()) {
                deadline.arm(Duration.ofSeconds(2));
                avformat.av_write_trailer(context);
            }
            if (opened) {
                avformat.avio_closep(context.pb());
            }
            avformat.avformat_free_context(context);
            context = null;
        }
        deadline.close();
    }
}
