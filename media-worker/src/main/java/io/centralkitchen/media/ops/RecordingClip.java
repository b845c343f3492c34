package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.FFmpegException;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.Timestamps;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

/**
 * The instant clip of a live recording: a span of program time copied, without re-encoding, out of the recording's
 * MPEG-TS segments into one MP4. It starts at the keyframe at or before the in-point — found inside the segment, so
 * the clip starts within one group of pictures of the in-point, not at the segment's start — and ends with the first
 * picture decoded at or after the out-point; sound of the same span keeps its timing. Segments are joined by program
 * time: each segment's own timestamps are mapped to program time through its first picture, whose program time the
 * recording index holds, so a muxer's constant offset or a gap in the recording (feed away) does no harm.
 * <p>
 * Each segment is opened once, and only the first is probed: the later ones are segments of the same recording, so they
 * are opened with its stream parameters ({@link Demuxer#openLike}) — probing would cost more than copying them.
 */
public final class RecordingClip {

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
        Cutter cutter = null;
        try (Muxer out = Muxer.create(target, Containers.formatFor(target))) {
            cutter = new Cutter(out, files, inMicros, outMicros, progress);
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
            return new ClipResult(target, cutter.startMicros, cutter.lastVideoEndMicros - cutter.startMicros, 0);
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

    /** Copies packets segment after segment, all timestamps in program time shifted to the clip's first picture. */
    private static final class Cutter implements AutoCloseable {
        private final Muxer out;
        private final SegmentFiles files;
        /**
         * The first segment, probed: the output's streams are copies of its streams (the muxer keeps their time
         * bases, so it stays open), and the later segments are opened with its parameters instead of being probed.
         */
        private Demuxer first;
        private Segment firstSegment;
        private final long inMicros;
        private final long outMicros;
        private final Progress progress;
        private int videoOut = -1;
        private int audioOut = -1;
        private boolean audioInClip;
        private long startMicros = Long.MIN_VALUE;
        /** The clip's first picture in program time, in ticks of the video time base: exact, so it lands on 0. */
        private long startTicks;
        private long lastVideoEndMicros;
        private boolean videoDone;
        private boolean audioDone;

        Cutter(Muxer out, SegmentFiles files, long inMicros, long outMicros, Progress progress) {
            this.out = out;
            this.files = files;
            this.inMicros = inMicros;
            this.outMicros = outMicros;
            this.progress = progress;
        }

        boolean started() {
            return startMicros != Long.MIN_VALUE;
        }

        boolean done() {
            return videoDone && audioDone;
        }

        /**
         * Reads the segment once: the packets up to its first picture (which places it in program time) and, in the
         * clip's first segment, on to the first keyframe after the in-point are held, then copied with the rest.
         */
        void copy(Segment segment) {
            Path file = files.file(segment);
            Demuxer in = first == null ? Demuxer.open(file) : Demuxer.openLike(file, first);
            if (first == null) {
                first = in;
                firstSegment = segment;
            }
            List<AVPacket> held = new ArrayList<>();
            try {
                if (!in.hasVideo()) {
                    throw new MediaInvalidException("Recording segment " + segment.file().getFileName() + " has no video stream.");
                }
                if (videoOut < 0) {
                    // before reading: libavformat updates the stream parameters (AAC bit rate) from the packets it reads
                    videoOut = out.addCopyOf(in.video());
                    audioInClip = in.hasAudio();
                    audioOut = audioInClip ? out.addCopyOf(in.audio()) : -1;
                    audioDone = !audioInClip;
                    out.writeHeader(Containers.muxerOptions(out.formatName()));
                }
                // program micros = segment micros - offset; the segment's first picture is at programStartMillis
                AVPacket picture = firstPicture(in, held);
                AVRational base = in.video().time_base();
                long dts = Timestamps.toMicros(Timestamps.isSet(picture.dts()) ? picture.dts() : picture.pts(), base);
                long offset = dts - segment.programStartMillis() * 1000;
                if (!started()) {
                    startMicros = keyframeAtOrBefore(in, held, offset, Timestamps.toMicros(picture.pts(), base) - offset, picture.pts());
                }
                copy(in, held, offset);
            } finally {
                held.forEach(p -> av_packet_free(p));
                if (in != first) {
                    in.close();
                    files.done(segment);
                }
            }
        }

        @Override
        public void close() {
            if (first != null) {
                first.close();
                files.done(firstSegment);
            }
        }

        /** Copies the held packets, then the rest of the segment. */
        private void copy(Demuxer in, List<AVPacket> held, long offset) {
            AVRational videoBase = in.video().time_base();
            long shiftTicks = Timestamps.fromMicros(offset, videoBase) + startTicks;
            boolean[] writing = {false};
            for (AVPacket packet : held) {
                if (done()) {
                    return;
                }
                copy(in, packet, offset, shiftTicks, writing);
            }
            AVPacket packet = av_packet_alloc();
            try {
                while (!done() && in.read(packet)) {
                    copy(in, packet, offset, shiftTicks, writing);
                }
            } finally {
                av_packet_free(packet);
            }
        }

        /** Writes one packet of the segment if it belongs to the clip; {@code writing}: its first keyframe was written. */
        private void copy(Demuxer in, AVPacket packet, long offset, long shiftTicks, boolean[] writing) {
            AVRational videoBase = in.video().time_base();
            int index = packet.stream_index();
            if (index == in.videoIndex() && !videoDone) {
                long pts = Timestamps.toMicros(packet.pts(), videoBase) - offset;
                long dts = Timestamps.toMicros(Timestamps.isSet(packet.dts()) ? packet.dts() : packet.pts(), videoBase) - offset;
                if (!writing[0]) {
                    // before the clip's first keyframe (only in its first segment)
                    if (pts < startMicros || (packet.flags() & AV_PKT_FLAG_KEY) == 0) {
                        return;
                    }
                    writing[0] = true;
                }
                if (dts >= outMicros) {
                    videoDone = true;
                    return;
                }
                lastVideoEndMicros = Math.max(lastVideoEndMicros, pts + Timestamps.toMicros(packet.duration(), videoBase));
                shift(packet, shiftTicks, videoOut);
                out.write(packet);
                progress.update((double) (dts - startMicros) / (outMicros - startMicros));
            } else if (audioInClip && index == in.audioIndex() && !audioDone) {
                AVRational audioBase = in.audio().time_base();
                long pts = Timestamps.toMicros(packet.pts(), audioBase) - offset;
                if (pts >= outMicros) {
                    audioDone = true;
                } else if (pts >= startMicros) {
                    shift(packet, Timestamps.rescale(shiftTicks, videoBase, audioBase), audioOut);
                    out.write(packet);
                }
            }
        }

        /** Rewrites the packet's timestamps from segment time to clip time (0 = the clip's first picture). */
        private static void shift(AVPacket packet, long shift, int outputIndex) {
            if (Timestamps.isSet(packet.pts())) {
                packet.pts(packet.pts() - shift);
            }
            if (Timestamps.isSet(packet.dts())) {
                packet.dts(packet.dts() - shift);
            }
            packet.stream_index(outputIndex);
        }

        /**
         * Program time of the keyframe at or before the in-point in this segment, or of its first picture (a keyframe:
         * segments start with one, and {@link #firstPicture} has just read it) when the in-point lies before it. Reads
         * on to the first keyframe after the in-point, holding what it reads.
         */
        private long keyframeAtOrBefore(Demuxer in, List<AVPacket> held, long offset, long firstPictureMicros, long firstPictureTicks) {
            long found = firstPictureMicros;
            AVRational base = in.video().time_base();
            long offsetTicks = Timestamps.fromMicros(offset, base);
            startTicks = firstPictureTicks - offsetTicks;
            AVPacket packet;
            while ((packet = readHeld(in, held)) != null) {
                if (packet.stream_index() != in.videoIndex() || (packet.flags() & AV_PKT_FLAG_KEY) == 0) {
                    continue;
                }
                long pts = Timestamps.toMicros(packet.pts(), base) - offset;
                if (pts <= inMicros) {
                    found = pts;
                    startTicks = packet.pts() - offsetTicks;
                }
                if (pts > inMicros) {
                    break;
                }
            }
            return found;
        }
    }

    /** The segment's first picture (segment time), read with every packet before it into {@code held}. */
    private static AVPacket firstPicture(Demuxer in, List<AVPacket> held) {
        AVPacket packet;
        while ((packet = readHeld(in, held)) != null) {
            if (packet.stream_index() == in.videoIndex()) {
                return packet;
            }
        }
        throw new MediaInvalidException("A recording segment (" + in.url() + ") holds no picture.");
    }

    /** The next packet of {@code in}, added to {@code held} (the caller frees them); null at the end. */
    private static AVPacket readHeld(Demuxer in, List<AVPacket> held) {
        AVPacket packet = av_packet_alloc();
        held.add(packet);
        return in.read(packet) ? packet : null;
    }
}
