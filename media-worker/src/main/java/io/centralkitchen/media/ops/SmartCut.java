package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.FFmpegException;
import io.centralkitchen.media.ffmpeg.H264Bitstream;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.Timestamps;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;

import java.nio.file.Path;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

/**
 * The frame-accurate clip: starts exactly at the in-point and ends exactly at the out-point. Only the partial groups
 * of pictures at the edges — from the in-point to the next keyframe, and from the last keyframe to the out-point —
 * are decoded and re-encoded; everything between is copied packet for packet. Audio is copied for the same span with
 * its original timing, so it stays in sync.
 * <p>
 * The re-encoded edges carry their own H.264 parameter sets in-band, and the copied middle gets the source's in front
 * of its first keyframe, so one MP4 track holds both. Works on H.264 4:2:0 sources with closed groups of pictures
 * (what encoders and OBS-style studios write by default).
 */
public final class SmartCut {

    private SmartCut() {
    }

    public static ClipResult cut(Path source, TimeRange requested, Path target, EdgeEncoding encoding,
                                 ProgressListener listener) {
        return cut(source, requested, target, encoding, listener, MediaLimits.DEFAULTS);
    }

    public static ClipResult cut(Path source, TimeRange requested, Path target, EdgeEncoding encoding,
                                 ProgressListener listener, MediaLimits limits) {
        Progress progress = new Progress(listener);
        TimeRange range = requested;
        try (Demuxer in = Probe.openMedia(source, limits); Muxer out = Muxer.create(target, Containers.formatFor(target))) {
            MediaInfo media = Probe.describe(in, source, true, limits);
            range = requested.within(media);
            AVStream video = in.video();
            requireSmartCuttable(video.codecpar());
            long origin = Probe.mediaStart(in);
            Plan plan = Plan.of(media.keyframesMicros(), range);
            int videoOut = out.addCopyOf(video);
            int audioOut = in.hasAudio() ? out.addCopyOf(in.audio()) : -1;
            out.writeHeader(Containers.muxerOptions(out.formatName()));

            // Frame-accurate means on the frame grid: the clip starts with the first frame shown at or after the in-point.
            long frame = Math.round(1e6 / Math.max(1, media.video().frameRate()));
            long gridStart = media.keyframeAtOrBefore(range.inMicros());
            long firstFrame = gridStart + ceilDiv(range.inMicros() - gridStart, frame) * frame;
            long inAbs = origin + firstFrame;
            long outAbs = origin + gridStart + ceilDiv(range.outMicros() - gridStart, frame) * frame;
            long audioShift = in.hasAudio() ? Timestamps.fromMicros(inAbs, in.audio().time_base()) : 0;
            long halfFrame = Math.round(5e5 / Math.max(1, media.video().frameRate()));
            byte[] extradata = extradata(video.codecpar());
            EdgeWriter edges = new EdgeWriter(video, encoding, extradata, videoOut);

            in.seekToKeyframeBefore(origin + media.keyframeAtOrBefore(range.inMicros()));
            Phase phase = plan.headEmpty() ? Phase.MIDDLE : Phase.HEAD;
            boolean middleStarted = false;
            long copiedEnd = 0;
            boolean audioDone = !in.hasAudio();
            AVPacket packet = Packets.alloc();
            try {
                while (!(phase == Phase.DONE && audioDone) && in.read(packet)) {
                    int index = packet.stream_index();
                    if (index == in.audioIndex() && !audioDone) {
                        long pts = Timestamps.toMicros(packet.pts(), in.audio().time_base());
                        if (pts >= outAbs) {
                            audioDone = true;
                        } else if (pts >= inAbs) {
                            CopyClip.shift(packet, audioShift, audioOut);
                            out.write(packet);
                        }
                        continue;
                    }
                    if (index != in.videoIndex() || phase == Phase.DONE) {
                        continue;
                    }
                    long pts = Timestamps.toMicros(packet.pts(), video.time_base());
                    long dts = Timestamps.toMicros(Timestamps.isSet(packet.dts()) ? packet.dts() : packet.pts(), video.time_base());
                    boolean key = Packets.isKeyframe(packet);
                    progress.update((double) (dts - inAbs) / (outAbs - inAbs));
                    if (phase == Phase.HEAD && plan.hasMiddle() && key && Math.abs(pts - (origin + plan.middleStart())) <= halfFrame) {
                        // The copied middle decides the DTS delay (B-frames) the re-encoded head must line up with.
                        edges.finishHead(packet.pts() - packet.dts(), out, inAbs, outAbs);
                        phase = Phase.MIDDLE;
                    }
                    if (phase == Phase.MIDDLE && key && Math.abs(pts - (origin + plan.middleEnd())) <= halfFrame) {
                        phase = plan.tailEmpty() ? Phase.DONE : Phase.TAIL;
                        if (phase == Phase.DONE) {
                            continue;
                        }
                    }
                    switch (phase) {
                        case HEAD, TAIL -> {
                            if (dts >= outAbs) {
                                edges.finish(out, inAbs, outAbs);
                                phase = Phase.DONE;
                            } else {
                                edges.decode(packet, inAbs, outAbs, out);
                            }
                        }
                        case MIDDLE -> {
                            if (!middleStarted && !plan.headEmpty() && H264Bitstream.isAvcc(extradata)) {
                                prependParameterSets(packet, extradata);
                            }
                            middleStarted = true;
                            edges.startAt(packet.pts()); // the clip starts with the middle when there is no head
                            copiedEnd = Math.max(copiedEnd, Timestamps.toMicros(packet.pts() + packet.duration(),
                                    video.time_base()) - inAbs);
                            CopyClip.shift(packet, edges.shift(), videoOut);
                            out.write(packet);
                        }
                        default -> {
                        }
                    }
                }
                if (phase == Phase.HEAD || phase == Phase.TAIL) {
                    edges.finish(out, inAbs, outAbs); // the source ended before the out-point's next packet
                }
            } finally {
                Packets.free(packet);
                edges.close();
            }
            out.finish();
            progress.done();
            return new ClipResult(target, inAbs - origin, Math.max(edges.lastEnd(), copiedEnd), edges.reencodedMicros());
        } catch (FFmpegException e) {
            if (!e.isInvalidData()) {
                throw e;
            }
            throw new MediaInvalidException("Smart-cutting " + range + " failed while reading the source (FFmpeg: "
                    + FFmpegException.describe(e.code()) + "): the file is damaged. Upload an intact copy.", e);
        }
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }

    private enum Phase { HEAD, MIDDLE, TAIL, DONE }

    /** Where the copied middle begins and ends: the first keyframe at or after the in-point, the last at or before the out-point. */
    record Plan(long in, long out, long middleStart, long middleEnd) {

        static Plan of(List<Long> keyframes, TimeRange range) {
            Long first = null;
            Long last = null;
            for (long k : keyframes) {
                if (first == null && k >= range.inMicros()) {
                    first = k;
                }
                if (k <= range.outMicros()) {
                    last = k;
                }
            }
            if (first == null || last == null || first >= last) {
                return new Plan(range.inMicros(), range.outMicros(), -1, -1); // no whole GOP inside: re-encode all
            }
            return new Plan(range.inMicros(), range.outMicros(), first, last);
        }

        boolean hasMiddle() {
            return middleStart >= 0;
        }

        boolean headEmpty() {
            return hasMiddle() && middleStart == in;
        }

        boolean tailEmpty() {
            return hasMiddle() && middleEnd >= out;
        }
    }

    private static void requireSmartCuttable(AVCodecParameters p) {
        if (p.codec_id() != AV_CODEC_ID_H264 || (p.format() != AV_PIX_FMT_YUV420P && p.format() != AV_PIX_FMT_YUVJ420P)) {
            throw new MediaInvalidException("Smart cut needs 8-bit 4:2:0 H.264 video; this source is "
                    + org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name(p.codec_id()).getString()
                    + ". Transcode it to a profile first (media.transcode), or use a copy clip (media.clip).");
        }
    }

    private static byte[] extradata(AVCodecParameters p) {
        if (p.extradata() == null || p.extradata_size() <= 0) {
            return new byte[0];
        }
        byte[] bytes = new byte[p.extradata_size()];
        p.extradata().get(bytes);
        return bytes;
    }

    /** The source's SPS/PPS in front of the first copied keyframe: the head's in-band parameter sets replaced them. */
    private static void prependParameterSets(AVPacket packet, byte[] avcc) {
        byte[] sets = H264Bitstream.lengthPrefixed(H264Bitstream.parameterSets(avcc), H264Bitstream.lengthSize(avcc));
        byte[] data = Packets.data(packet);
        byte[] joined = new byte[sets.length + data.length];
        System.arraycopy(sets, 0, joined, 0, sets.length);
        System.arraycopy(data, 0, joined, sets.length, data.length);
        Packets.replaceData(packet, joined);
    }
}
