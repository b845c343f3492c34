package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

/**
 * A teaser: several clips joined into one rendition of a profile, each with its product name and price over it and
 * the show's date and time on top, cross-faded into each other (picture and sound). Its length is the sum of the
 * parts minus one fade per join.
 */
public final class Teaser {

    private Teaser() {
    }

    public record Result(Path file, long durationMicros, int frames) {
    }

    public static Result render(TeaserSpec spec, Path target, ProgressListener listener) {
        TranscodeProfile profile = spec.profile();
        Font font = TeaserFont.load(spec.fontLocation());
        double fps = profile.frameRate() > 0 ? profile.frameRate() : 25;
        int rate = profile.audioSampleRate();
        int channels = profile.audioChannels();
        int fadeFrames = (int) Math.round(spec.fadeMicros() * fps / 1e6);
        Progress progress = new Progress(listener);
        long totalMicros = spec.parts().stream().mapToLong(p -> p.range().durationMicros()).sum();
        for (TeaserSpec.Part part : spec.parts()) {
            MediaInfo media = Probe.probe(part.source());
            part.range().within(media);
            if (part.range().durationMicros() < 2 * spec.fadeMicros()) {
                throw new MediaInvalidException("Teaser clip " + part.range() + " is shorter than two fades ("
                        + spec.fadeMicros() / 1000 + " ms each): choose a longer range or a shorter fade.");
            }
        }
        FFmpegRuntime.init();
        Join join = new Join(fadeFrames, (int) Math.round(fadeFrames * rate / fps), channels);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), profile.width(), profile.height(), channels);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            Transcode.configure(recorder, profile, fps, true, Containers.formatFor(target));
            recorder.start();
            join.recorder = recorder;
            join.converter = converter;
            long done = 0;
            long framesSoFar = 0;
            for (int i = 0; i < spec.parts().size(); i++) {
                TeaserSpec.Part part = spec.parts().get(i);
                BufferedImage caption = Caption.render(profile.width(), profile.height(), font, part.title(), part.price(),
                        spec.showLine(), spec.watermark());
                long base = done;
                int frames = renderPart(part, profile, fps, rate, channels, caption, join,
                        f -> progress.update((base + f) / (double) totalMicros));
                // Exactly as many samples as the part's pictures last, so sound never drifts from picture.
                long samplesBefore = Math.round(framesSoFar * rate / fps);
                framesSoFar += frames;
                join.endPart(Math.round(framesSoFar * rate / fps) - samplesBefore, i == spec.parts().size() - 1);
                done += part.range().durationMicros();
            }
            recorder.stop();
            progress.done();
            return new Result(target, Math.round(join.written * 1e6 / fps), join.written);
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("Writing the teaser failed: " + e.getMessage(), e);
        }
    }

    private static int renderPart(TeaserSpec.Part part, TranscodeProfile profile, double fps, int rate, int channels,
                                  BufferedImage caption, Join join, java.util.function.LongConsumer progress) {
        long in = part.range().inMicros();
        long out = part.range().outMicros();
        int frames = 0;
        try (FFmpegFrameGrabber grabber = Transcode.grabber(part.source())) {
            grabber.setPixelFormat(AV_PIX_FMT_BGR24);
            grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
            grabber.setSampleRate(rate);
            grabber.setAudioChannels(channels);
            Transcode.startGrabber(grabber);
            double sourceFps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : fps;
            long origin = Math.max(0, grabber.getFormatContext().start_time());
            // Ends in packed BGR: captions and fades are drawn with Java2D.
            String graph = profile.videoFilter(sourceFps) + ",fps=" + fps + ",format=bgr24";
            try (FFmpegFrameFilter filter = new FFmpegFrameFilter(graph, grabber.getImageWidth(), grabber.getImageHeight())) {
                filter.setPixelFormat(AV_PIX_FMT_BGR24);
                filter.setFrameRate(sourceFps);
                filter.start();
                grabber.setTimestamp(origin + in, true);
                boolean videoDone = false;
                boolean audioDone = !grabber.hasAudio();
                join.startAudio(in);
                Frame frame;
                while (!(videoDone && audioDone) && (frame = Transcode.grabOrInvalid(grabber)) != null) {
                    long ts = frame.timestamp - origin;
                    if (frame.image != null && !videoDone) {
                        if (ts >= out) {
                            videoDone = true;
                        } else if (ts >= in) {
                            filter.push(frame, AV_PIX_FMT_BGR24);
                            frames += pull(filter, caption, join);
                            progress.accept(ts - in);
                        }
                    } else if (frame.samples != null && !audioDone) {
                        if (ts >= out) {
                            audioDone = true;
                        } else {
                            join.addSamples(ts, (ShortBuffer) frame.samples[0], rate, channels);
                        }
                    }
                }
                filter.push(null);
                frames += pull(filter, caption, join);
            }
            grabber.stop();
        } catch (FrameFilter.Exception e) {
            throw new IllegalStateException("Scaling a teaser clip failed: " + e.getMessage(), e);
        } catch (FrameGrabber.Exception e) {
            throw new MediaInvalidException("Reading teaser clip " + part.source().getFileName() + " failed ("
                    + e.getMessage() + "): the file is damaged. Upload an intact copy.", e);
        }
        return frames;
    }

    private static int pull(FFmpegFrameFilter filter, BufferedImage caption, Join join) throws FrameFilter.Exception {
        int n = 0;
        Frame scaled;
        while ((scaled = filter.pull()) != null) {
            BufferedImage picture = new BufferedImage(scaled.imageWidth, scaled.imageHeight, BufferedImage.TYPE_3BYTE_BGR);
            Java2DFrameConverter.copy(scaled, picture);
            Caption.overlay(picture, caption);
            join.addPicture(picture);
            n++;
        }
        return n;
    }

    /**
     * The running join of the parts: holds back the last {@code fadeFrames} pictures (and their sound) of a part until
     * the next part's first ones are blended into them.
     */
    private static final class Join {
        final int fadeFrames;
        final int fadeSamples;
        final int channels;
        FFmpegFrameRecorder recorder;
        Java2DFrameConverter converter;
        final Deque<BufferedImage> held = new ArrayDeque<>();    // the previous part's last pictures
        final Deque<BufferedImage> pending = new ArrayDeque<>(); // this part's pictures not yet written
        short[] heldSound = new short[0];
        short[] sound = new short[1 << 16];
        int soundLength;
        long partIn;
        int picturesInPart;
        int written;

        Join(int fadeFrames, int fadeSamples, int channels) {
            this.fadeFrames = fadeFrames;
            this.fadeSamples = fadeSamples;
            this.channels = channels;
        }

        void startAudio(long in) {
            partIn = in;
            soundLength = 0;
            picturesInPart = 0;
        }

        void addPicture(BufferedImage picture) {
            picturesInPart++;
            if (!held.isEmpty()) {
                BufferedImage previous = held.poll();
                blend(previous, picture, picturesInPart / (double) (fadeFrames + 1));
            }
            pending.add(picture);
            while (pending.size() > fadeFrames) {
                write(pending.poll());
            }
        }

        void addSamples(long ts, ShortBuffer samples, int rate, int channels) {
            long startSample = Math.round((ts - partIn) * rate / 1e6);
            int count = samples.remaining() / channels;
            int skip = (int) Math.max(0, -startSample);
            if (startSample > soundLength / channels) { // a gap in the source's sound: fill it with silence
                ensure((int) startSample * channels);
                soundLength = (int) startSample * channels;
            }
            for (int i = skip; i < count; i++) {
                ensure(soundLength + channels);
                for (int c = 0; c < channels; c++) {
                    sound[soundLength++] = samples.get(samples.position() + i * channels + c);
                }
            }
        }

        /** Ends a part whose sound must be exactly {@code samples} long; the last part writes everything. */
        void endPart(long samples, boolean last) throws FrameRecorder.Exception {
            int length = (int) samples * channels;
            ensure(length);
            if (soundLength < length) {
                java.util.Arrays.fill(sound, soundLength, length, (short) 0);
            }
            soundLength = length;
            int fade = Math.min(heldSound.length, soundLength);
            for (int i = 0; i < fade; i++) { // sound cross-fade, linear
                double t = (i / channels + 1.0) / (fade / channels + 1.0);
                sound[i] = (short) Math.round(heldSound[i] * (1 - t) + sound[i] * t);
            }
            int keep = last ? 0 : Math.min(fadeSamples * channels, soundLength);
            recorder.recordSamples(recorder.getSampleRate(), channels, ShortBuffer.wrap(sound, 0, soundLength - keep));
            heldSound = java.util.Arrays.copyOfRange(sound, soundLength - keep, soundLength);
            held.clear();
            if (last) {
                while (!pending.isEmpty()) {
                    write(pending.poll());
                }
            } else {
                held.addAll(pending);
                pending.clear();
            }
        }

        private void write(BufferedImage picture) {
            try {
                recorder.record(converter.getFrame(picture));
                written++;
            } catch (FrameRecorder.Exception e) {
                throw new IllegalStateException("Writing the teaser failed: " + e.getMessage(), e);
            }
        }

        private void ensure(int capacity) {
            if (capacity > sound.length) {
                sound = java.util.Arrays.copyOf(sound, Math.max(capacity, sound.length * 2));
            }
        }

        /** Mixes {@code from} into {@code to}: t = 0 shows only {@code from}, t = 1 only {@code to}. */
        private static void blend(BufferedImage from, BufferedImage to, double t) {
            byte[] a = ((DataBufferByte) from.getRaster().getDataBuffer()).getData();
            byte[] b = ((DataBufferByte) to.getRaster().getDataBuffer()).getData();
            int wb = (int) Math.round(t * 256);
            int wa = 256 - wb;
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (((a[i] & 0xff) * wa + (b[i] & 0xff) * wb) >> 8);
            }
        }
    }
}
