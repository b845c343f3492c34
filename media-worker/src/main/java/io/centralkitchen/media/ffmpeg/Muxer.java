package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * A media output written packet by packet with libavformat: streams copied from an input ({@link #addCopyOf}) or fed
 * by an encoder ({@link #addEncoded}). Packets are interleaved by the muxer and their DTS kept monotonic
 * ({@link MonotonicDts}). Not thread-safe; {@link #close()} frees everything, also after a failure.
 */
public final class Muxer implements AutoCloseable {

    private final String target;
    private AVFormatContext context;
    private final List<AVRational> sourceTimeBases = new ArrayList<>();
    private final MonotonicDts monotonic = new MonotonicDts();
    private boolean headerWritten;
    private boolean finished;

    private Muxer(String target, AVFormatContext context) {
        this.target = target;
        this.context = context;
    }

    /** A new output; {@code format} is a muxer name ("mp4", "flv", "mpegts"...) or null to guess from the name. */
    public static Muxer create(Path file, String format) {
        FFmpegRuntime.init();
        String target = file.toAbsolutePath().toString();
        AVFormatContext context = new AVFormatContext(null);
        FFmpegException.check(avformat_alloc_output_context2(context, null, format, target), "Cannot create output " + target);
        return new Muxer(target, context);
    }

    public AVFormatContext context() {
        return context;
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

    /** Opens the file and writes the header; {@code options} are muxer options such as movflags=+faststart. */
    public void writeHeader(Map<String, String> options) {
        if ((context.oformat().flags() & AVFMT_NOFILE) == 0) {
            AVIOContext io = new AVIOContext(null);
            FFmpegException.check(avio_open(io, target, AVIO_FLAG_WRITE), "Cannot open " + target + " for writing");
            context.pb(io);
        }
        AVDictionary dictionary = new AVDictionary(null);
        options.forEach((k, v) -> av_dict_set(dictionary, k, v, 0));
        try {
            FFmpegException.check(avformat_write_header(context, dictionary), "Cannot write the header of " + target);
        } finally {
            av_dict_free(dictionary);
        }
        headerWritten = true;
    }

    /**
     * Writes a packet whose timestamps are in the time base of its source (the copied input stream or the encoder)
     * and whose stream_index is the output stream. The muxer takes the packet's data; the packet is left blank.
     */
    public void write(AVPacket packet) {
        int index = packet.stream_index();
        av_packet_rescale_ts(packet, sourceTimeBases.get(index), stream(index).time_base());
        packet.pos(-1);
        monotonic.apply(packet);
        FFmpegException.check(av_interleaved_write_frame(context, packet), "Cannot write to " + target);
    }

    /** Flushes the interleaving queue and writes the trailer (the MP4 index). */
    public void finish() {
        if (headerWritten && !finished) {
            finished = true;
            FFmpegException.check(av_write_trailer(context), "Cannot finish " + target);
        }
    }

    @Override
    public void close() {
        if (context == null) {
            return;
        }
        if ((context.oformat().flags() & AVFMT_NOFILE) == 0 && context.pb() != null) {
            avio_closep(context.pb());
            context.pb(null);
        }
        avformat_free_context(context);
        context = null;
    }
}
