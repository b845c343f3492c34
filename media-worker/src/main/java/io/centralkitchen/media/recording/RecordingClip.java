package io.centralkitchen.media.recording;

import io.centralkitchen.media.ffmpeg.FFmpegException;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ops.ClipResult;
import io.centralkitchen.media.ops.Containers;
import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.media.ops.Progress;
import io.centralkitchen.media.ops.ProgressListener;
import io.centralkitchen.media.ops.TimeRange;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The instant clip of a live recording: a span of program time copied, without re-encoding, out of the recording's
 * MPEG-TS segments into one MP4. It starts at the keyframe at or before the in-point — found inside the segment, so
 * the clip starts within one group of pictures of the in-point, not at the segment's start — and ends with the first
 * picture decoded at or after the out-point; sound of the same span keeps its timing. Segments are joined by program
 * time: each segment's own timestamps are mapped to program time through its first picture, whose program time the
 * recording index holds, so a muxer's constant offset or a gap in the recording (feed away) does no harm.
 * <p>
 * Each segment is opened once, and only the first is probed: the later ones are segments of the same recording, so they
 * are opened with its stream parameters ({@link io.centralkitchen.media.ffmpeg.Demuxer#openLike}) — probing would cost more than copying them.
 */
final class RecordingClip {

    /** One stored segment of a recording, on local disk: where it sits in program time (its first keyframe). */
    public record Segment(Path file, long programStartMillis, long durationMillis) {
        long endMillis() {
            return programStartMillis + durationMillis;
        }
    }

    /** Where the cut finds each segment's file when it reaches it, and tells when it has read it. */
    public interface SegmentFiles {
        /** The segments' files are on local disk already ({@link Segment#file()}). */
        SegmentFiles LOCAL = new SegmentFiles() {
            @Override
            public Path file(Segment segment) {
                return segment.file();
            }

            @Override
            public void done(Segment segment) {
            }
        };

        /** The segment's local file, ready to read (waiting for it if need be). */
        Path file(Segment segment);

        /** The cut has read the segment and closed its file. */
        void done(Segment segment);
    }

    private RecordingClip() {
    }

    /**
     * The segments of {@code all} (any order) that hold some of program time [inMicros, outMicros). The first of them
     * holds the keyframe at or before the in-point (segments start with keyframes), unless the in-point lies in a gap
     * of the recording: then the clip starts at the first picture after the gap.
     */
    public static List<Segment> covering(List<Segment> all, long inMicros, long outMicros) {
        return all.stream().filter(s -> s.programStartMillis() * 1000 < outMicros && s.endMillis() * 1000 > inMicros)
                .sorted(Comparator.comparingLong(Segment::programStartMillis)).toList();
    }

    /**
     * Cuts program time [inMicros, outMicros) out of {@code segments} (those given by {@link #covering}, or all of the
     * recording) into {@code target} (MP4).
     *
     * @return the clip; {@code sourceStartMicros} is the program time of its first picture
     */
    public static ClipResult cut(List<Segment> segments, long inMicros, long outMicros, Path target, ProgressListener listener) {
        return cut(segments, inMicros, outMicros, target, listener, SegmentFiles.LOCAL);
    }

    /**
     * As {@link #cut(List, long, long, Path, ProgressListener)}, each segment's file asked of {@code files} when the cut
     * reaches it (it may still be downloading) and handed back once read. Segments past the out-point are never asked
     * for.
     */
    public static ClipResult cut(List<Segment> segments, long inMicros, long outMicros, Path target, ProgressListener listener,
                                 SegmentFiles files) {
        if (inMicros < 0 || outMicros <= inMicros) {
            throw new MediaInvalidException("The program time range " + TimeRange.format(inMicros) + "–"
                    + TimeRange.format(outMicros) + " is empty or negative: the out-point must come after the in-point.");
        }
        List<Segment> parts = covering(segments, inMicros, outMicros);
        if (parts.isEmpty()) {
            long end = segments.stream().mapToLong(Segment::endMillis).max().orElse(0);
            throw new MediaInvalidException("Nothing was recorded between " + TimeRange.format(inMicros) + " and "
                    + TimeRange.format(outMicros) + " of program time (the recording covers up to "
                    + TimeRange.format(end * 1000) + "). Choose a range inside the recording.");
        }
        Progress progress = new Progress(listener);
        RecordingCutter cutter = null;
        try (Muxer out = Muxer.create(target, Containers.formatFor(target))) {
            cutter = new RecordingCutter(out, files, inMicros, outMicros, progress);
            for (Segment part : parts) {
                if (cutter.done()) {
                    break;
                }
                cutter.copy(part);
            }
            if (!cutter.started()) {
                throw new MediaInvalidException("The recording has no picture between " + TimeRange.format(inMicros)
                        + " and " + TimeRange.format(outMicros) + " of program time.");
            }
            out.finish();
            progress.done();
            return new ClipResult(target, cutter.startMicros(), cutter.lastVideoEndMicros() - cutter.startMicros(), 0);
        } catch (FFmpegException e) {
            if (!e.isInvalidData()) {
                throw e;
            }
            throw new MediaInvalidException("A segment of the recording cannot be read (FFmpeg: "
                    + FFmpegException.describe(e.code()) + "): it is damaged. Check the recording's segments against its manifest.", e);
        } finally {
            if (cutter != null) {
                cutter.close();
            }
        }
    }
}
