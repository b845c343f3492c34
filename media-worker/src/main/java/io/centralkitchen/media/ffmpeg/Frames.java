package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Frame plumbing: references for another thread, pictures made from Java images, silence. */
public final class Frames {

    private Frames() {
    }

    /** A new reference to {@code frame}'s data, for a consumer on another thread; {@link #free} it. */
    public static AVFrame reference(AVFrame frame) {
        return avutil.av_frame_clone(frame);
    }

    /** A new reference to {@code frame} whose data this caller may change (copied if shared); null if impossible. */
    public static AVFrame writableReference(AVFrame frame) {
        AVFrame copy = avutil.av_frame_clone(frame);
        if (copy != null && avutil.av_frame_make_writable(copy) < 0) {
            avutil.av_frame_free(copy);
            return null;
        }
        return copy;
    }

    public static void free(AVFrame frame) {
        if (frame != null) {
            avutil.av_frame_free(frame);
        }
    }

    /** A writable YUV 4:2:0 picture of the given size. */
    public static AVFrame picture(int width, int height) {
        AVFrame frame = avutil.av_frame_alloc();
        frame.format(avutil.AV_PIX_FMT_YUV420P).width(width).height(height);
        if (avutil.av_frame_get_buffer(frame, 0) < 0) {
            avutil.av_frame_free(frame);
            throw new FFmpegException(avutil.AVERROR_ENOMEM(), "Cannot allocate a " + width + "x" + height + " picture");
        }
        return frame;
    }

    /** A YUV 4:2:0 picture of an image of type {@link BufferedImage#TYPE_3BYTE_BGR} (even width and height). */
    public static AVFrame fromImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        AVFrame frame = picture(w, h);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        SwsContext sws = swscale.sws_getContext(w, h, avutil.AV_PIX_FMT_BGR24, w, h, avutil.AV_PIX_FMT_YUV420P,
                swscale.SWS_BILINEAR, null, null, (DoublePointer) null);
        // sws_scale reads four plane pointers and strides, whatever the format
        try (BytePointer source = new BytePointer(bgr); PointerPointer<?> src = new PointerPointer<>(4);
             IntPointer stride = new IntPointer(new int[]{w * 3, 0, 0, 0})) {
            src.put(0, source);
            swscale.sws_scale(sws, src, stride, 0, h, frame.data(), frame.linesize());
        } finally {
            swscale.sws_freeContext(sws);
        }
        return frame;
    }

    /**
     * A decoded picture (any pixel format) as a {@link BufferedImage#TYPE_3BYTE_BGR} image at most {@code maxWidth}
     * wide, keeping its aspect (previews, thumbnails).
     */
    public static BufferedImage toImage(AVFrame picture, int maxWidth) {
        int sw = picture.width();
        int sh = picture.height();
        if (sw <= 0 || sh <= 0) {
            throw new IllegalArgumentException("Not a picture: " + sw + "x" + sh);
        }
        int w = Math.max(2, Math.min(sw, maxWidth) & ~1);
        int h = Math.max(2, (int) ((long) sh * w / sw) & ~1);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        SwsContext sws = swscale.sws_getContext(sw, sh, picture.format(), w, h, avutil.AV_PIX_FMT_BGR24,
                swscale.SWS_BILINEAR, null, null, (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new FFmpegException(avutil.AVERROR_EINVAL(), "Cannot convert a picture of format " + picture.format());
        }
        try (BytePointer target = new BytePointer((long) bgr.length); PointerPointer<?> dst = new PointerPointer<>(4);
             IntPointer stride = new IntPointer(new int[]{w * 3, 0, 0, 0})) {
            dst.put(0, target);
            swscale.sws_scale(sws, picture.data(), picture.linesize(), 0, sh, dst, stride);
            target.get(bgr);
        } finally {
            swscale.sws_freeContext(sws);
        }
        return image;
    }

    /** {@code samples} of stereo silence (float planar) at {@code sampleRate}. */
    public static AVFrame silence(int sampleRate, int samples) {
        AVFrame silence = avutil.av_frame_alloc();
        silence.format(avutil.AV_SAMPLE_FMT_FLTP).sample_rate(sampleRate).nb_samples(samples);
        avutil.av_channel_layout_default(silence.ch_layout(), 2);
        if (avutil.av_frame_get_buffer(silence, 0) < 0) {
            avutil.av_frame_free(silence);
            throw new FFmpegException(avutil.AVERROR_ENOMEM(), "Cannot allocate silence");
        }
        avutil.av_samples_set_silence(silence.data(), 0, samples, 2, avutil.AV_SAMPLE_FMT_FLTP);
        return silence;
    }

    /**
     * Multiplies {@code count} samples of {@code sound} from sample {@code first} by a gain going linearly from
     * {@code fromGain} to {@code toGain} (a fade). The frame must be writable. Float and 16-bit sound, planar or
     * interleaved (planar: up to 8 channels, what {@code data} holds), is faded; other sound is left as it is ({@code false}).
     */
    public static boolean fade(AVFrame sound, int first, int count, double fromGain, double toGain) {
        int format = sound.format();
        int channels = sound.ch_layout().nb_channels();
        int samples = sound.nb_samples();
        int from = Math.max(0, Math.min(first, samples));
        int to = Math.max(from, Math.min(samples, first + count));
        boolean planar = format == avutil.AV_SAMPLE_FMT_FLTP || format == avutil.AV_SAMPLE_FMT_S16P;
        boolean floats = format == avutil.AV_SAMPLE_FMT_FLTP || format == avutil.AV_SAMPLE_FMT_FLT;
        if (!floats && format != avutil.AV_SAMPLE_FMT_S16 && format != avutil.AV_SAMPLE_FMT_S16P || channels < 1
                || planar && channels > 8) {
            return false;
        }
        for (int i = from; i < to; i++) {
            double gain = fromGain + (toGain - fromGain) * (i - first + 1) / Math.max(1, count);
            for (int c = 0; c < channels; c++) {
                BytePointer data = sound.data(planar ? c : 0);
                long index = planar ? i : (long) i * channels + c;
                if (floats) {
                    long at = index * Float.BYTES;
                    data.putFloat(at, (float) (data.getFloat(at) * gain));
                } else {
                    long at = index * Short.BYTES;
                    data.putShort(at, (short) Math.round(data.getShort(at) * gain));
                }
            }
        }
        return true;
    }

    /** Paints a YUV 4:2:0 picture black (video range). */
    static void blacken(AVFrame picture) {
        for (int p = 0; p < 3; p++) {
            int rows = p == 0 ? picture.height() : picture.height() / 2;
            long bytes = (long) rows * picture.linesize(p);
            Pointer.memset(picture.data(p), p == 0 ? 16 : 128, bytes);
        }
    }
}
