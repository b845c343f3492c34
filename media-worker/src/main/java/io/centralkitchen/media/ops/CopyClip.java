package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.FFmpegException;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.Timestamps;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

import java.nio.file.Path;

/**
 * The instant clip: a time range taken without re-encoding. It starts at the keyframe at or before the in-point (so
 * it plays from its first frame) and keeps every video packet decoded before the out-point; audio packets of the
 * same span follow with their original timing, so sound and picture stay in sync.
 */
public final class CopyClip {

    private CopyClip() {
    }

    public static ClipResult cut(Path source, TimeRange requested, Path target, ProgressListener listener) {
        return cut(source, requested, target, listener, MediaLimits.DEFAULTS);
    }

    public static ClipResult cut(Path source, TimeRange requested, Path target, ProgressListener listener,
                                 MediaLimits limits) {
        Progress progress = new Progress(listener);
        TimeRange range = requested;
        try (Demuxer in = Probe.openMedia(source, limits); Muxer out = Muxer.create(target, Containers.formatFor(target))) {
            MediaInfo media = Probe.describe(in, source, true, limits);
            range = requested.within(media);
            long origin = Probe.mediaStart(in);
            long startMicros = media.keyframeAtOrBefore(range.inMicros());
            long startAbs = origin + startMicros;
            long endAbs = origin + range.outMicros();
            int videoOut = out.addCopyOf(in.video());
            int audioOut = in.hasAudio() ? out.addCopyOf(in.audio()) : -1;
            out.writeHeader(Containers.muxerOptions(out.formatName()));
            in.seekToKeyframeBefore(startAbs);

            long videoOffset = Timestamps.fromMicros(startAbs, in.video().time_base());
            long audioOffset = in.hasAudio() ? Timestamps.fromMicros(startAbs, in.audio().time_base()) : 0;
            boolean started = false;
            boolean videoDone = false;
            boolean audioDone = !in.hasAudio();
            long lastVideoEnd = 0;
            AVPacket packet = Packets.alloc();
            try {
                while (!(videoDone && audioDone) && in.read(packet)) {
                    int index = packet.stream_index();
                    if (index == in.videoIndex() && !videoDone) {
                        long dts = Timestamps.toMicros(Timestamps.isSet(packet.dts()) ? packet.dts() : packet.pts(),
                                in.video().time_base());
                        if (!started) {
                            // Generic seeking (FLV without an index) may land before the keyframe: skip to it.
                            if (!Packets.isKeyframe(packet)) {
                                continue;
                            }
                            started = true;
                            // Exactly this frame becomes 0: from microseconds it could be a tick off, and a frame a
                            // tick before 0 is hidden by the MP4 edit list.
                            videoOffset = packet.pts();
                        }
                        if (dts >= endAbs) {
                            videoDone = true;
                            continue;
                        }
                        long ptsMicros = Timestamps.toMicros(packet.pts(), in.video().time_base());
                        lastVideoEnd = Math.max(lastVideoEnd, ptsMicros - startAbs
                                + Timestamps.toMicros(packet.duration(), in.video().time_base()));
                        shift(packet, videoOffset, videoOut);
                        out.write(packet);
                        progress.update((double) (dts - startAbs) / (endAbs - startAbs));
                    } else if (index == in.audioIndex() && !audioDone) {
                        long pts = Timestamps.toMicros(packet.pts(), in.audio().time_base());
                        if (pts >= endAbs) {
                            audioDone = true;
                        } else if (pts >= startAbs) {
                            shift(packet, audioOffset, audioOut);
                            out.write(packet);
                        }
                    }
                }
            } finally {
                Packets.free(packet);
            }
            out.finish();
            progress.done();
            return new ClipResult(target, startMicros, lastVideoEnd, 0);
        } catch (FFmpegException e) {
            if (!e.isInvalidData()) {
                throw e;
            }
            throw new MediaInvalidException("Cutting " + range + " from the source failed while reading it (FFmpeg: "
                    + FFmpegException.describe(e.code()) + "): the file is damaged. Upload an intact copy.", e);
        }
    }

    static void shift(AVPacket packet, long offset, int outputIndex) {
        if (Timestamps.isSet(packet.pts())) {
            packet.pts(packet.pts() - offset);
        }
        if (Timestamps.isSet(packet.dts())) {
            packet.dts(packet.dts() - offset);
        }
        packet.stream_index(outputIndex);
    }
}
