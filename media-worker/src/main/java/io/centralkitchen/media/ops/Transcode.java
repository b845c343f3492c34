package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

/**
 * Re-encodes a source into a {@link TranscodeProfile}: decode, fit the picture (pad, crop or blurred pad), encode
 * H.264 + AAC. Pictures stay in YUV 4:2:0 from decoder to encoder — no RGB round trip — which keeps the cost close
 * to the ffmpeg command line's (see bench/media).
 */
public final class Transcode {

    private Transcode() {
    }

    public record Result(Path file, MediaInfo output) {
    }

    public static Result run(Path source, TranscodeProfile profile, Path target, ProgressListener listener) {
        MediaInfo media = Probe.probe(source);
        Progress progress = new Progress(listener);
        double sourceFps = media.video().frameRate() > 0 ? media.video().frameRate() : 25;
        double outFps = profile.frameRate() > 0 ? profile.frameRate() : sourceFps;
        FFmpegRuntime.init();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
            grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
            grabber.setVideoOption("threads", "auto");
            grabber.setSampleRate(profile.audioSampleRate());
            grabber.setAudioChannels(profile.audioChannels());
            startGrabber(grabber);
            try (FFmpegFrameFilter filter = new FFmpegFrameFilter(profile.videoFilter(sourceFps),
                    grabber.getImageWidth(), grabber.getImageHeight());
                 FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), profile.width(), profile.height(),
                         media.hasAudio() ? profile.audioChannels() : 0)) {
                filter.setPixelFormat(AV_PIX_FMT_YUV420P);
                filter.setFrameRate(sourceFps);
                filter.setAspectRatio(grabber.getAspectRatio());
                filter.start();
                configure(recorder, profile, outFps, media.hasAudio(), Containers.formatFor(target));
                recorder.start();
                long duration = Math.max(1, media.durationMicros());
                Frame frame;
                while ((frame = grabOrInvalid(grabber)) != null) {
                    if (frame.image != null) {
                        filter.push(frame, AV_PIX_FMT_YUV420P);
                        Frame out;
                        while ((out = filter.pull()) != null) {
                            recorder.record(out, AV_PIX_FMT_YUV420P);
                        }
                        progress.update((double) frame.timestamp / duration);
                    } else if (frame.samples != null && media.hasAudio()) {
                        recorder.record(frame);
                    }
                }
                filter.push(null);
                Frame out;
                while ((out = filter.pull()) != null) {
                    recorder.record(out, AV_PIX_FMT_YUV420P);
                }
                recorder.stop();
            }
            grabber.stop();
        } catch (FrameFilter.Exception | FrameRecorder.Exception e) {
            throw new IllegalStateException("Transcoding to profile '" + profile.name() + "' failed: " + e.getMessage(), e);
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException("Closing the source failed: " + e.getMessage(), e);
        }
        progress.done();
        return new Result(target, Probe.probe(target));
    }

    static void configure(FFmpegFrameRecorder recorder, TranscodeProfile profile, double fps, boolean audio, String format) {
        recorder.setFormat(format);
        recorder.setVideoCodecName("libx264");
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(profile.gopFrames(fps));
        recorder.setVideoBitrate(0); // quality (CRF) with a cap, not a fixed average
        profile.x264Options().forEach(recorder::setVideoOption);
        Containers.muxerOptions(format).forEach(recorder::setOption);
        if (audio) {
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setAudioBitrate((int) profile.audioBitrate());
            recorder.setSampleRate(profile.audioSampleRate());
            recorder.setAudioChannels(profile.audioChannels());
        }
    }

    static void startGrabber(FFmpegFrameGrabber grabber) {
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new MediaInvalidException("The source cannot be opened for decoding (" + e.getMessage()
                    + "): upload an intact video file.", e);
        }
    }

    static Frame grabOrInvalid(FFmpegFrameGrabber grabber) {
        try {
            return grabber.grab();
        } catch (FrameGrabber.Exception e) {
            throw new MediaInvalidException("Decoding the source failed part-way (" + e.getMessage()
                    + "): the file is damaged. Upload an intact copy.", e);
        }
    }
}
