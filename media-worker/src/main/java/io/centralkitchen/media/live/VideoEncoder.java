package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.AvError;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * H.264 (libx264) at one profile: pictures of any size are scaled and fitted (crop or pad) to the profile, encoded
 * with the profile's bitrate cap (VBV) and a fixed keyframe interval (no scene-cut keyframes), without B-frames
 * (zerolatency), in milliseconds. Packets come out in Annex B with the parameter sets in the global header.
 */
final class VideoEncoder implements AutoCloseable {

    private final OutputProfile profile;
    private final AVCodecContext context;
    private final AVFrame target;
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final AVCodecParameters parameters = avcodec.avcodec_parameters_alloc();
    private SwsContext scaler;
    private int sourceWidth;
    private int sourceHeight;
    private int sourceFormat = -1;
    private long lastTargetBuffer;

    VideoEncoder(OutputProfile profile, double fps, String x264Preset) throws IOException {
        this.profile = profile;
        AVCodec codec = avcodec.avcodec_find_encoder_by_name("libx264");
        if (codec == null) {
            throw new IOException("libx264 is not available in this FFmpeg build");
        }
        context = avcodec.avcodec_alloc_context3(codec);
        context.width(profile.width());
        context.height(profile.height());
        context.pix_fmt(avutil.AV_PIX_FMT_YUV420P);
        context.time_base(avutil.av_make_q(1, 1000));
        int rate = (int) Math.round(fps);
        context.framerate(avutil.av_make_q(rate, 1));
        context.gop_size(rate * profile.keyframeSeconds());
        context.keyint_min(rate * profile.keyframeSeconds());
        context.max_b_frames(0);
        long bitrate = profile.videoBitrateKbps() * 1000L;
        context.bit_rate(bitrate);
        context.rc_max_rate(bitrate);
        context.rc_buffer_size((int) bitrate);
        context.flags(context.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
        AVDictionary options = new AVDictionary(null);
        avutil.av_dict_set(options, "preset", x264Preset, 0);
        avutil.av_dict_set(options, "tune", "zerolatency", 0);
        avutil.av_dict_set(options, "sc_threshold", "0", 0);
        avutil.av_dict_set(options, "forced-idr", "1", 0);
        // parameter sets in every keyframe too: MPEG-TS/HLS/SRT viewers join mid-stream
        avutil.av_dict_set(options, "x264-params", "repeat-headers=1", 0);
        try {
            AvError.check(avcodec.avcodec_open2(context, codec, options), "Cannot open the H.264 encoder for " + profile.label());
        } finally {
            avutil.av_dict_free(options);
        }
        AvError.check(avcodec.avcodec_parameters_from_context(parameters, context), "Cannot read the encoder parameters");
        target = avutil.av_frame_alloc();
        target.format(avutil.AV_PIX_FMT_YUV420P).width(profile.width()).height(profile.height());
        AvError.check(avutil.av_frame_get_buffer(target, 0), "Cannot allocate a picture");
    }

    AVCodecParameters parameters() {
        return parameters;
    }

    /** Encodes {@code source} (any size and pixel format) at stream time {@code ptsMillis}. */
    void encode(AVFrame source, long ptsMillis, boolean keyframe, Consumer<AVPacket> sink) throws IOException {
        AvError.check(avutil.av_frame_make_writable(target), "Cannot reuse the picture buffer");
        fit(source);
        target.pts(ptsMillis);
        target.pict_type(keyframe ? avutil.AV_PICTURE_TYPE_I : avutil.AV_PICTURE_TYPE_NONE);
        AvError.check(avcodec.avcodec_send_frame(context, target), "Cannot encode a picture at " + profile.label());
        drain(sink);
    }

    private void drain(Consumer<AVPacket> sink) throws IOException {
        while (true) {
            int result = avcodec.avcodec_receive_packet(context, packet);
            if (result == avutil.AVERROR_EAGAIN() || result == avutil.AVERROR_EOF) {
                return;
            }
            AvError.check(result, "H.264 encoder failed at " + profile.label());
            try {
                packet.stream_index(LiveStreams.VIDEO);
                sink.accept(packet);
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
    }

    /** Scales the source into the profile's frame: cropping to the frame's shape, or padding with black bars. */
    private void fit(AVFrame source) throws IOException {
        int w = source.width();
        int h = source.height();
        int format = source.format();
        boolean planar420 = format == avutil.AV_PIX_FMT_YUV420P || format == avutil.AV_PIX_FMT_YUVJ420P;
        boolean crop = profile.fit().equals("crop") && planar420;
        int tw = profile.width();
        int th = profile.height();
        // source rectangle (crop) and target rectangle (pad); all even for 4:2:0 chroma
        int sx = 0, sy = 0, sw = w, sh = h, dx = 0, dy = 0, dw = tw, dh = th;
        if (crop) {
            if ((long) w * th > (long) h * tw) {
                sw = even((int) ((long) h * tw / th));
                sx = even((w - sw) / 2);
            } else {
                sh = even((int) ((long) w * th / tw));
                sy = even((h - sh) / 2);
            }
        } else {
            if ((long) w * th > (long) h * tw) {
                dh = even((int) ((long) tw * h / w));
                dy = even((th - dh) / 2);
            } else {
                dw = even((int) ((long) th * w / h));
                dx = even((tw - dw) / 2);
            }
        }
        if (scaler == null || w != sourceWidth || h != sourceHeight || format != sourceFormat) {
            swscale.sws_freeContext(scaler);
            scaler = swscale.sws_getContext(sw, sh, format, dw, dh, avutil.AV_PIX_FMT_YUV420P, swscale.SWS_BILINEAR,
                    null, null, (DoublePointer) null);
            if (scaler == null) {
                throw new IOException("Cannot scale " + w + "x" + h + " pictures to " + profile.label());
            }
            sourceWidth = w;
            sourceHeight = h;
            sourceFormat = format;
            lastTargetBuffer = 0;
        }
        if ((dw != tw || dh != th) && lastTargetBuffer != target.data(0).address()) {
            blacken();
            lastTargetBuffer = target.data(0).address();
        }
        try (PointerPointer<?> src = new PointerPointer<>(4); PointerPointer<?> dst = new PointerPointer<>(4)) {
            for (int p = 0; p < 4; p++) {
                if (crop && p < 3) {
                    int shift = p == 0 ? 0 : 1;
                    src.put(p, source.data(p).getPointer((long) (sy >> shift) * source.linesize(p) + (sx >> shift)));
                } else if (!crop && source.data(p) != null && !source.data(p).isNull()) {
                    src.put(p, source.data(p));
                }
                if (p < 3) {
                    int shift = p == 0 ? 0 : 1;
                    dst.put(p, target.data(p).getPointer((long) (dy >> shift) * target.linesize(p) + (dx >> shift)));
                }
            }
            swscale.sws_scale(scaler, src, source.linesize(), 0, sh, dst, target.linesize());
        }
    }

    private void blacken() {
        for (int p = 0; p < 3; p++) {
            int rows = p == 0 ? profile.height() : profile.height() / 2;
            long bytes = (long) rows * target.linesize(p);
            org.bytedeco.javacpp.Pointer.memset(target.data(p), p == 0 ? 16 : 128, bytes);
        }
    }

    private static int even(int v) {
        return v & ~1;
    }

    @Override
    public void close() {
        swscale.sws_freeContext(scaler);
        avcodec.avcodec_free_context(context);
        avutil.av_frame_free(target);
        avcodec.av_packet_free(packet);
        avcodec.avcodec_parameters_free(parameters);
    }
}
