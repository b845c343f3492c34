package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

import java.util.function.Consumer;

/**
 * H.264 (libx264) at one picture size, timestamps in milliseconds: pictures of any size and pixel format are scaled
 * and fitted ({@link PictureFit#place}) in one swscale step into a reused YUV 4:2:0 picture and encoded with
 * {@link H264Settings}. Packets carry {@code streamIndex}; the parameter sets are in the global header
 * ({@link #parameters()}).
 */
public final class H264Encoder implements AutoCloseable {

    private final int width;
    private final int height;
    private final PictureFit fit;
    private final String label;
    private final int streamIndex;
    private final StreamEncoder encoder;
    private final AVFrame target;
    private final AVCodecParameters parameters = avcodec.avcodec_parameters_alloc();
    private SwsContext scaler;
    private int sourceWidth;
    private int sourceHeight;
    private int sourceFormat = -1;
    private long lastTargetBuffer;

    /** @param label names the encoder in errors ("720x1280 3000k") */
    public H264Encoder(int width, int height, PictureFit fit, double fps, H264Settings settings, String label,
                       int streamIndex) {
        this.width = width;
        this.height = height;
        this.fit = fit;
        this.label = label;
        this.streamIndex = streamIndex;
        encoder = new StreamEncoder("libx264");
        try {
            AVCodecContext context = encoder.context();
            context.width(width);
            context.height(height);
            context.pix_fmt(avutil.AV_PIX_FMT_YUV420P);
            context.time_base(Timestamps.MILLIS);
            context.framerate(avutil.av_make_q((int) Math.round(fps), 1));
            context.flags(context.flags() | avcodec.AV_CODEC_FLAG_GLOBAL_HEADER);
            settings.applyTo(context);
            encoder.open(settings.options(), "Cannot open the H.264 encoder for " + label);
            FFmpegException.check(avcodec.avcodec_parameters_from_context(parameters, context),
                    "Cannot read the encoder parameters");
        } catch (RuntimeException e) {
            encoder.close();
            avcodec.avcodec_parameters_free(parameters);
            throw e;
        }
        target = Frames.picture(width, height);
    }

    /** The encoder's codec parameters (owned by the encoder). */
    public AVCodecParameters parameters() {
        return parameters;
    }

    /** Encodes {@code source} (any size and pixel format) at stream time {@code ptsMillis}. */
    public void encode(AVFrame source, long ptsMillis, boolean keyframe, Consumer<AVPacket> sink) {
        FFmpegException.check(avutil.av_frame_make_writable(target), "Cannot reuse the picture buffer");
        fitInto(source);
        target.pts(ptsMillis);
        target.pict_type(keyframe ? avutil.AV_PICTURE_TYPE_I : avutil.AV_PICTURE_TYPE_NONE);
        encoder.encode(target, packet -> {
            packet.stream_index(streamIndex);
            sink.accept(packet);
        });
    }

    /** Scales the source into the target picture, cropping or padding as the fit says. */
    private void fitInto(AVFrame source) {
        int w = source.width();
        int h = source.height();
        int format = source.format();
        boolean planar420 = format == avutil.AV_PIX_FMT_YUV420P || format == avutil.AV_PIX_FMT_YUVJ420P;
        // cropping moves the plane pointers: only for planar 4:2:0 sources, others are padded
        boolean crop = fit == PictureFit.CROP && planar420;
        PictureFit.Placement at = (crop ? PictureFit.CROP : PictureFit.PAD).place(w, h, width, height);
        if (scaler == null || w != sourceWidth || h != sourceHeight || format != sourceFormat) {
            swscale.sws_freeContext(scaler);
            scaler = swscale.sws_getContext(at.sw(), at.sh(), format, at.dw(), at.dh(), avutil.AV_PIX_FMT_YUV420P,
                    swscale.SWS_BILINEAR, null, null, (DoublePointer) null);
            if (scaler == null) {
                throw new FFmpegException(avutil.AVERROR_PATCHWELCOME(), "Cannot scale " + w + "x" + h + " pictures to " + label);
            }
            sourceWidth = w;
            sourceHeight = h;
            sourceFormat = format;
            lastTargetBuffer = 0;
        }
        if (at.hasBars(width, height) && lastTargetBuffer != target.data(0).address()) {
            Frames.blacken(target);
            lastTargetBuffer = target.data(0).address();
        }
        try (PointerPointer<?> src = new PointerPointer<>(4); PointerPointer<?> dst = new PointerPointer<>(4)) {
            for (int p = 0; p < 4; p++) {
                if (crop && p < 3) {
                    int shift = p == 0 ? 0 : 1;
                    src.put(p, source.data(p).getPointer((long) (at.sy() >> shift) * source.linesize(p) + (at.sx() >> shift)));
                } else if (!crop && source.data(p) != null && !source.data(p).isNull()) {
                    src.put(p, source.data(p));
                }
                if (p < 3) {
                    int shift = p == 0 ? 0 : 1;
                    dst.put(p, target.data(p).getPointer((long) (at.dy() >> shift) * target.linesize(p) + (at.dx() >> shift)));
                }
            }
            swscale.sws_scale(scaler, src, source.linesize(), 0, at.sh(), dst, target.linesize());
        }
    }

    @Override
    public void close() {
        swscale.sws_freeContext(scaler);
        encoder.close();
        avutil.av_frame_free(target);
        avcodec.avcodec_parameters_free(parameters);
    }
}
