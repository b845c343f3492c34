package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import io.centralkitchen.media.ffmpeg.InputOptions;
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
 * H.264 + AAC ({@link TranscodePipeline}: FFmpeg frames by reference from stage to stage, the ffmpeg command line's
 * cost — see bench/media). Also the JavaCV recorder set-up shared with teasers.
 */
public final class Transcode {

    private Transcode() {
    }

    public record Result(Path file, MediaInfo output) {
    }

    public static Result run(Path source, TranscodeProfile profile, Path target, ProgressListener listener) {
        return run(source, profile, target, listener, MediaLimits.DEFAULTS);
    }

    /** Checks the source as {@link Probe} does (same limits, same messages), then transcodes it. */
    public static Result run(Path source, TranscodeProfile profile, Path target, ProgressListener listener,
                             MediaLimits limits) {
        Progress progress = new Progress(listener);
        TranscodePipeline.transcode(source, profile, target, progress, limits);
        progress.done();
        return new Result(target, Probe.output(target));
    }

    /** A transcode with a still picture of the profile's size (transparent where the video shows) over every frame. */
    public static Result run(Path source, TranscodeProfile profile, Path target, ProgressListener listener, MediaLimits limits,
                             Path overlay) {
        Progress progress = new Progress(listener);
        TranscodePipeline.transcode(source, profile, target, progress, limits, overlay);
        progress.done();
        return new Result(target, Probe.output(target));
    }

    /**
     * A JavaCV grabber of a source that {@link Probe} has accepted: opened as a local file of a stored-media
     * container only, like every source (JavaCV hands its options to libavformat's open).
     */
    static FFmpegFrameGrabber grabber(Path source) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile());
        grabber.setOption("protocol_whitelist", InputOptions.LOCAL_FILE);
        grabber.setOption("format_whitelist", InputOptions.STORED_FORMATS);
        return grabber;
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
