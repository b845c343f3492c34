package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.util.function.Consumer;

import static org.bytedeco.ffmpeg.global.avfilter.AV_BUFFERSRC_FLAG_KEEP_REF;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_time_base;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_set_frame_size;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_strdup;

/**
 * A libavfilter graph with one input and one output, described like the {@code -vf}/{@code -af} argument of the
 * ffmpeg command line. Frames are passed by reference (no copies); filtered frames go to a consumer in a reused
 * {@link AVFrame}, timestamps in {@link #outputTimeBase()}. Close it to free the graph.
 */
public final class FilterGraph implements AutoCloseable {

    private AVFilterGraph graph;
    private final AVFilterContext source;
    private final AVFilterContext sink;
    private AVFrame filtered;

    private FilterGraph(String sourceFilter, String sourceArgs, String sinkFilter, String description) {
        FFmpegRuntime.init();
        graph = avfilter_graph_alloc();
        try {
            source = new AVFilterContext(null);
            FFmpegException.check(avfilter_graph_create_filter(source, avfilter_get_by_name(sourceFilter), "in",
                    sourceArgs, null, graph), "Cannot create the filter input (" + sourceArgs + ")");
            sink = new AVFilterContext(null);
            FFmpegException.check(avfilter_graph_create_filter(sink, avfilter_get_by_name(sinkFilter), "out",
                    (String) null, null, graph), "Cannot create the filter output");
            AVFilterInOut outputs = avfilter_inout_alloc();
            outputs.name(av_strdup(new org.bytedeco.javacpp.BytePointer("in"))).filter_ctx(source).pad_idx(0).next(null);
            AVFilterInOut inputs = avfilter_inout_alloc();
            inputs.name(av_strdup(new org.bytedeco.javacpp.BytePointer("out"))).filter_ctx(sink).pad_idx(0).next(null);
            try {
                FFmpegException.check(avfilter_graph_parse_ptr(graph, description, inputs, outputs, null),
                        "Cannot parse filter graph '" + description + "'");
            } finally {
                avfilter_inout_free(inputs);
                avfilter_inout_free(outputs);
            }
        } catch (RuntimeException e) {
            avfilter_graph_free(graph);
            throw e;
        }
        filtered = av_frame_alloc();
    }

    /** A video graph for frames of the given size, pixel format, time base and sample aspect ratio. */
    public static FilterGraph video(String description, int width, int height, int pixelFormat, AVRational timeBase,
                                    AVRational sampleAspect) {
        String args = "video_size=" + width + "x" + height + ":pix_fmt=" + pixelFormat + ":time_base=" + timeBase.num()
                + "/" + timeBase.den() + ":pixel_aspect=" + Math.max(0, sampleAspect.num()) + "/"
                + Math.max(1, sampleAspect.den());
        FilterGraph g = new FilterGraph("buffer", args, "buffersink", description);
        g.configure();
        return g;
    }

    /**
     * An audio graph for frames of the given format; {@code frameSize} &gt; 0 makes every output frame exactly that
     * many samples (what AAC encoders need).
     */
    public static FilterGraph audio(String description, int sampleRate, int sampleFormat, String channelLayout,
                                    AVRational timeBase, int frameSize) {
        String args = "time_base=" + timeBase.num() + "/" + timeBase.den() + ":sample_rate=" + sampleRate
                + ":sample_fmt=" + sampleFormat + ":channel_layout=" + channelLayout;
        FilterGraph g = new FilterGraph("abuffer", args, "abuffersink", description);
        g.configure();
        if (frameSize > 0) {
            av_buffersink_set_frame_size(g.sink, frameSize);
        }
        return g;
    }

    private void configure() {
        try {
            FFmpegException.check(avfilter_graph_config(graph, null), "Cannot configure the filter graph");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public AVRational outputTimeBase() {
        return av_buffersink_get_time_base(sink);
    }

    /** Filters one frame (null: end of input, flushing what the graph holds). */
    public void push(AVFrame frame, Consumer<AVFrame> out) {
        FFmpegException.check(av_buffersrc_add_frame_flags(source, frame, frame == null ? 0 : AV_BUFFERSRC_FLAG_KEEP_REF),
                "Cannot filter");
        while (true) {
            int ret = av_buffersink_get_frame(sink, filtered);
            if (ret == StreamDecoder.EAGAIN || ret == AVERROR_EOF()) {
                return;
            }
            FFmpegException.check(ret, "Cannot filter");
            try {
                out.accept(filtered);
            } finally {
                av_frame_unref(filtered);
            }
        }
    }

    @Override
    public void close() {
        if (filtered != null) {
            av_frame_free(filtered);
            filtered = null;
        }
        if (graph != null) {
            avfilter_graph_free(graph);
            graph = null;
        }
    }
}
