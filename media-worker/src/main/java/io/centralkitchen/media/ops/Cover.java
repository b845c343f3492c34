package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

/**
 * A cover picture as JPEG: the frame shown at a given time, or the sharpest of a range (the frame with the most
 * detail, by the variance of its Laplacian — motion blur and fades score low).
 */
public final class Cover {

    /** JPEG quality for covers: platforms recompress them anyway; 0.9 keeps text on packaging legible. */
    private static final float JPEG_QUALITY = 0.9f;

    private Cover() {
    }

    public record Result(Path file, long timeMicros, int width, int height, double sharpness) {
    }

    public static Result at(Path source, long micros, Path target) {
        return at(source, micros, target, MediaLimits.DEFAULTS);
    }

    public static Result at(Path source, long micros, Path target, MediaLimits limits) {
        MediaInfo media = Probe.probe(source, limits);
        new TimeRange(micros, micros + 1).within(media);
        return pick(source, new long[]{micros}, target);
    }

    /** The sharpest of {@code samples} frames spread evenly over the range. */
    public static Result sharpest(Path source, TimeRange requested, int samples, Path target, ProgressListener listener) {
        return sharpest(source, requested, samples, target, listener, MediaLimits.DEFAULTS);
    }

    public static Result sharpest(Path source, TimeRange requested, int samples, Path target, ProgressListener listener,
                                  MediaLimits limits) {
        MediaInfo media = Probe.probe(source, limits);
        TimeRange range = requested.within(media);
        int n = Math.max(1, samples);
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = range.inMicros() + (range.durationMicros() * (2L * i + 1)) / (2L * n);
        }
        return pick(source, times, target, new Progress(listener));
    }

    private static Result pick(Path source, long[] times, Path target) {
        return pick(source, times, target, new Progress(ProgressListener.NONE));
    }

    private static Result pick(Path source, long[] times, Path target, Progress progress) {
        FFmpegRuntime.init();
        BufferedImage best = null;
        long bestTime = 0;
        double bestScore = -1;
        try (FFmpegFrameGrabber grabber = Transcode.grabber(source);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.setPixelFormat(AV_PIX_FMT_BGR24);
            Transcode.startGrabber(grabber);
            long origin = Math.max(0, grabber.getFormatContext().start_time());
            for (int i = 0; i < times.length; i++) {
                long wanted = origin + times[i];
                grabber.setTimestamp(wanted, true);
                // The seek may stop a frame or two early: decode on to the frame shown at the wanted time.
                long halfFrame = Math.round(5e5 / Math.max(1, grabber.getVideoFrameRate()));
                Frame frame = grabber.grabImage();
                while (frame != null && frame.timestamp < wanted - halfFrame) {
                    frame = grabber.grabImage();
                }
                if (frame == null) {
                    continue;
                }
                double score = times.length == 1 ? 0 : sharpness(frame);
                if (score > bestScore) {
                    bestScore = score;
                    bestTime = frame.timestamp - origin;
                    best = copy(converter.convert(frame));
                }
                progress.update((i + 1.0) / times.length);
            }
            grabber.stop();
        } catch (FrameGrabber.Exception e) {
            throw new MediaInvalidException("Decoding a picture of the source failed (" + e.getMessage()
                    + "): the file is damaged. Upload an intact copy.", e);
        }
        if (best == null) {
            throw new MediaInvalidException("No picture could be decoded at the requested time: choose a time inside the video.");
        }
        writeJpeg(best, target);
        return new Result(target, bestTime, best.getWidth(), best.getHeight(), bestScore);
    }

    /** Variance of the 4-neighbour Laplacian of the luma, on every second pixel (enough to rank, four times cheaper). */
    static double sharpness(Frame frame) {
        ByteBuffer data = (ByteBuffer) frame.image[0];
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int stride = frame.imageStride;
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int y = 2; y < h - 2; y += 2) {
            for (int x = 2; x < w - 2; x += 2) {
                int c = luma(data, stride, x, y);
                int lap = luma(data, stride, x - 2, y) + luma(data, stride, x + 2, y) + luma(data, stride, x, y - 2)
                        + luma(data, stride, x, y + 2) - 4 * c;
                sum += lap;
                sumSq += (double) lap * lap;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    private static int luma(ByteBuffer bgr, int stride, int x, int y) {
        int i = y * stride + x * 3;
        return ((bgr.get(i) & 0xff) + 2 * (bgr.get(i + 1) & 0xff) + (bgr.get(i + 2) & 0xff)) >> 2;
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        copy.getGraphics().drawImage(image, 0, 0, null);
        return copy;
    }

    static void writeJpeg(BufferedImage image, Path target) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (java.io.OutputStream file = Files.newOutputStream(target);
             ImageOutputStream out = ImageIO.createImageOutputStream(file)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the cover " + target, e);
        } finally {
            writer.dispose();
        }
    }
}
