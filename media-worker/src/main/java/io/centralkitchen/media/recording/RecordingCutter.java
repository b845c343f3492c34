package io.centralkitchen.media.recording;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.Timestamps;
import io.centralkitchen.media.ops.Containers;
import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.media.ops.Progress;
import io.centralkitchen.media.recording.RecordingClip.Segment;
import io.centralkitchen.media.recording.RecordingClip.SegmentFiles;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RecordingClip}'s work: packets copied segment after segment, all timestamps in program time shifted to the
 * clip's first picture. Each segment is read once: the packets up to its first picture (which places it in program
 * time) and, in the clip's first segment, on to the first keyframe after the in-point are held, then copied with the
 * rest.
 */
final class RecordingCutter implements AutoCloseable {
    private final Muxer out;
    private final SegmentFiles files;
    /**
     * The first segment, probed: the output's streams are copies of its streams (the muxer keeps their time bases, so
     * it stays open), and the later segments are opened with its parameters instead of being probed.
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

    RecordingCutter(Muxer out, SegmentFiles files, long inMicros, long outMicros, Progress progress) {
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

    /** Program time of the clip's first picture. */
    long startMicros() {
        return startMicros;
    }

    long lastVideoEndMicros() {
        return lastVideoEndMicros;
    }

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
                throw new MediaInvalidException("Recording segment " + segment.file().getFileName() + (in == first
                        ? " has no video stream." : " has no video stream of the codec the clip started with: a copy"
                        + " clip cannot span a change of codec."));
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
            AVRational base = in.timeBase(in.videoIndex());
            long dts = Timestamps.toMicros(Timestamps.isSet(picture.dts()) ? picture.dts() : picture.pts(), base);
            long offset = dts - segment.programStartMillis() * 1000;
            if (!started()) {
                startMicros = keyframeAtOrBefore(in, held, base, offset, Timestamps.toMicros(picture.pts(), base) - offset,
                        picture.pts());
            }
            SegmentCopy copy = new SegmentCopy(in, base, offset);
            for (AVPacket packet : held) {
                if (done()) {
                    return;
                }
                copy.write(packet);
            }
            AVPacket packet = Packets.alloc();
            try {
                while (!done() && in.read(packet)) {
                    copy.write(packet);
                }
            } finally {
                Packets.free(packet);
            }
        } finally {
            held.forEach(p -> Packets.free(p));
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

    /** One segment's packets into the clip; its stream facts are looked up once (each lookup allocates). */
    private final class SegmentCopy {
        private final int videoIndex;
        private final int audioIndex;
        private final AVRational videoBase;
        private final AVRational audioBase;
        private final long offset;
        private final long videoShift;
        private final long audioShift;
        /** This segment's first keyframe in the clip is written. */
        private boolean writing;

        SegmentCopy(Demuxer in, AVRational videoBase, long offset) {
            this.videoIndex = in.videoIndex();
            this.audioIndex = audioInClip ? in.audioIndex() : -1;
            this.videoBase = videoBase;
            this.audioBase = audioIndex >= 0 ? in.timeBase(in.audioIndex()) : null;
            this.offset = offset;
            this.videoShift = Timestamps.fromMicros(offset, videoBase) + startTicks;
            this.audioShift = audioIndex >= 0 ? Timestamps.rescale(videoShift, videoBase, audioBase) : 0;
        }

        /** Writes the packet if it belongs to the clip. */
        void write(AVPacket packet) {
            int index = packet.stream_index();
            if (index == videoIndex && !videoDone) {
                long pts = Timestamps.toMicros(packet.pts(), videoBase) - offset;
                long dts = Timestamps.toMicros(Timestamps.isSet(packet.dts()) ? packet.dts() : packet.pts(), videoBase) - offset;
                if (!writing) {
                    // before the clip's first keyframe (only in its first segment)
                    if (pts < startMicros || !Packets.isKeyframe(packet)) {
                        return;
                    }
                    writing = true;
                }
                if (dts >= outMicros) {
                    videoDone = true;
                    return;
                }
                lastVideoEndMicros = Math.max(lastVideoEndMicros, pts + Timestamps.toMicros(packet.duration(), videoBase));
                shift(packet, videoShift, videoOut);
                out.write(packet);
                progress.update((double) (dts - startMicros) / (outMicros - startMicros));
            } else if (index == audioIndex && !audioDone) {
                long pts = Timestamps.toMicros(packet.pts(), audioBase) - offset;
                if (pts >= outMicros) {
                    audioDone = true;
                } else if (pts >= startMicros) {
                    shift(packet, audioShift, audioOut);
                    out.write(packet);
                }
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
     * segments start with one, and {@link #firstPicture} has just read it) when the in-point lies before it. Reads on
     * to the first keyframe after the in-point, holding what it reads.
     */
    private long keyframeAtOrBefore(Demuxer in, List<AVPacket> held, AVRational base, long offset, long firstPictureMicros,
                                    long firstPictureTicks) {
        long found = firstPictureMicros;
        long offsetTicks = Timestamps.fromMicros(offset, base);
        startTicks = firstPictureTicks - offsetTicks;
        int videoIndex = in.videoIndex();
        AVPacket packet;
        while ((packet = readHeld(in, held)) != null) {
            if (packet.stream_index() != videoIndex || !Packets.isKeyframe(packet)) {
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
        AVPacket packet = Packets.alloc();
        held.add(packet);
        return in.read(packet) ? packet : null;
    }
}
