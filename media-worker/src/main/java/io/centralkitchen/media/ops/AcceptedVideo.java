package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.FFmpegException;
import io.centralkitchen.media.ffmpeg.FormatGuess;
import io.centralkitchen.media.ffmpeg.InputOptions;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

/**
 * The one definition of a source video, shared by probe and every operation that reads one (transcode, clips, covers,
 * teasers), so they never disagree: a file of a stored-media container ({@link InputOptions#STORED_FORMATS}), opened
 * as a local file with nothing else readable from it, holding an H.264, H.265, VP9 or AV1 picture with AAC, Opus, MP3
 * or no sound, within the {@link MediaLimits}. {@link Probe} adds the rest: the first picture decodes and the end of
 * the file is there. Messages name the input by its file name and say what to do.
 */
final class AcceptedVideo {

    static final Set<String> VIDEO_CODECS = Set.of("h264", "hevc", "vp9", "av1");
    static final Set<String> AUDIO_CODECS = Set.of("aac", "opus", "mp3");
    private static final String ACCEPTED = "Upload a video file: MP4, MOV, WebM/MKV, FLV or MPEG-TS with H.264, H.265, "
            + "VP9 or AV1 video and AAC, Opus, MP3 or no sound.";

    private AcceptedVideo() {
    }

    /** Opens a source under the limits, or says in plain words why it is not a video. */
    static Demuxer open(Path file, MediaLimits limits) {
        String name = nameOf(file);
        if (!Files.isRegularFile(file)) {
            throw new MediaInvalidException("The source file " + name + " does not exist.");
        }
        if (sizeOf(file) == 0) {
            throw new MediaInvalidException("The file " + name + " is empty (0 bytes): the upload did not finish or "
                    + "wrote nothing. Upload it again.");
        }
        try {
            return Demuxer.open(file, limits.inputOptions());
        } catch (FFmpegException e) {
            FormatGuess format = FormatGuess.of(file);
            if (format != null && !format.isIn(InputOptions.STORED_FORMATS)) {
                throw new MediaInvalidException("The file " + name + " is not a video but " + whatItIs(format)
                        + "; it was not read further. " + ACCEPTED, e);
            }
            throw new MediaInvalidException("The file " + name + " is not readable as media (FFmpeg: "
                    + FFmpegException.describe(e.code()) + "): it is corrupt, truncated, or not a video at all. Check "
                    + "that the upload finished and that the file is a video (MP4, MOV, WebM, FLV, TS), then upload it "
                    + "again.", e);
        }
    }

    /** Checks an opened source against the definition and the limits, before anything is decoded. */
    static void check(Demuxer in, Path file, MediaLimits limits) {
        String name = nameOf(file);
        if (!in.hasVideo() || (in.video().disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) {
            throw new MediaInvalidException("The file " + name + " has no video stream (found: " + streamTypes(in)
                    + "). " + ACCEPTED);
        }
        if (in.context().nb_streams() > limits.maxStreams()) {
            throw new MediaInvalidException("The file " + name + " has " + in.context().nb_streams() + " streams, over the "
                    + "limit of " + limits.maxStreams() + ". Export it with one video and one audio track.");
        }
        String video = codecOf(in.video());
        if (!VIDEO_CODECS.contains(video)) {
            throw new MediaInvalidException("The video of " + name + " is " + video + ", not H.264, H.265, VP9 or AV1. "
                    + ACCEPTED);
        }
        if (in.hasAudio() && !AUDIO_CODECS.contains(codecOf(in.audio()))) {
            throw new MediaInvalidException("The sound of " + name + " is " + codecOf(in.audio())
                    + ", not AAC, Opus or MP3. " + ACCEPTED);
        }
        checkPicture(in.video(), name, limits);
        long duration = in.durationMicros();
        if (duration > limits.maxDuration().toNanos() / 1000) {
            throw new MediaInvalidException(String.format("The file %s lasts %s, over the limit of %s. Upload a shorter "
                    + "video.", name, clock(duration), clock(limits.maxDuration().toNanos() / 1000)));
        }
    }

    private static void checkPicture(AVStream video, String name, MediaLimits limits) {
        AVCodecParameters p = video.codecpar();
        if (p.width() <= 0 || p.height() <= 0) {
            throw new MediaInvalidException("The video of " + name + " declares no picture size: the file is corrupt. "
                    + "Upload an intact copy.");
        }
        if (p.width() > limits.maxWidth() || p.height() > limits.maxHeight()) {
            String limit = limits.maxWidth() + "x" + limits.maxHeight();
            boolean fourK = Math.min(limits.maxWidth(), limits.maxHeight()) >= 2160;
            throw new MediaInvalidException("The video of " + name + " is " + p.width() + "x" + p.height() + ", over the "
                    + "limit of " + limit + (fourK ? " (4K)" : "") + ". Export it at " + (fourK ? "4K" : limit)
                    + " or less.");
        }
        AVRational rate = video.avg_frame_rate();
        double fps = rate.num() > 0 && rate.den() > 0 ? av_q2d(rate) : 0;
        if (fps > limits.maxFrameRate()) {
            throw new MediaInvalidException(String.format("The video of %s runs at %.0f frames per second, over the "
                    + "limit of %.0f. Export it at a usual frame rate (25, 30, 50 or 60).", name, fps, limits.maxFrameRate()));
        }
    }

    /** A refused format in words: a list of other files and a picture are what people upload by mistake. */
    private static String whatItIs(FormatGuess format) {
        String technical = " (" + format.longName() + ", " + format.name() + ")";
        if (format.name().equals("hls")) {
            return "an HLS playlist, a list of other files" + technical;
        }
        if (format.name().equals("concat")) {
            return "a concat list, a list of other files" + technical;
        }
        if (format.name().endsWith("_pipe") || format.name().startsWith("image2")) {
            return "a picture" + technical;
        }
        return format.longName() + " (" + format.name() + ")";
    }

    private static String clock(long micros) {
        long s = micros / 1_000_000;
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static String codecOf(AVStream stream) {
        return avcodec_get_name(stream.codecpar().codec_id()).getString();
    }

    static String streamTypes(Demuxer in) {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < in.context().nb_streams(); i++) {
            AVStream stream = in.stream(i);
            int type = stream.codecpar().codec_type();
            boolean picture = (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0;
            types.add(type == AVMEDIA_TYPE_AUDIO ? "audio" : type == AVMEDIA_TYPE_VIDEO
                    ? (picture ? "cover picture" : "video") : "data");
        }
        return types.isEmpty() ? "no streams" : String.join(", ", types);
    }

    static String nameOf(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
