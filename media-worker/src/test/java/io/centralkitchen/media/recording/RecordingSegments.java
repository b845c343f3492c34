package io.centralkitchen.media.recording;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.Timestamps;
import io.centralkitchen.media.ops.TestMedia;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

/** A live recording made for tests the way the live engine's recorder makes one (no media in git). */
public final class RecordingSegments {

    /** Where the recording starts in program time: the show had been on air for 30 s. */
    public static final long PROGRAM_OFFSET_MICROS = 30_000_000;

    private RecordingSegments() {
    }

    /** 20 s of 320x180 test pattern, 25 fps, a keyframe every second. */
    public static Path source() {
        return TestMedia.make("recording-source.mp4", "mp4", 20, 320, 180, 25, 25);
    }

    /**
     * Splits {@code source} into MPEG-TS segments of 4 s at keyframes, its timestamps moved to program time, as the
     * live recorder does; segments whose index is in {@code missing} are left out (a gap in the recording).
     */
    public static List<RecordingClip.Segment> split(Path source, Path dir, Map<Integer, Boolean> missing) {
        List<RecordingClip.Segment> list = new ArrayList<>();
        try (Demuxer in = Demuxer.open(source)) {
            AVPacket packet = av_packet_alloc();
            Muxer out = null;
            int index = -1;
            long segmentStart = 0;
            long segmentFirstDts = 0;
            long lastVideoDts = 0;
            try {
                while (in.read(packet)) {
                    boolean video = packet.stream_index() == in.videoIndex();
                    var base = in.stream(packet.stream_index()).time_base();
                    long dts = Timestamps.toMicros(Timestamps.isSet(packet.dts()) ? packet.dts() : packet.pts(), base);
                    if (video && (packet.flags() & AV_PKT_FLAG_KEY) != 0 && (out == null || dts - segmentFirstDts >= 4_000_000)) {
                        if (out != null) {
                            out.finish();
                            out.close();
                            list.add(new RecordingClip.Segment(dir.resolve("seg-" + index + ".ts"), segmentStart / 1000,
                                    (lastVideoDts + 40_000 - segmentFirstDts) / 1000));
                        }
                        index++;
                        out = Muxer.create(dir.resolve("seg-" + index + ".ts"), "mpegts");
                        out.addCopyOf(in.video());
                        out.addCopyOf(in.audio());
                        out.writeHeader(Map.of());
                        segmentFirstDts = dts;
                        segmentStart = dts + PROGRAM_OFFSET_MICROS;
                    }
                    if (out == null) {
                        continue; // the recorder starts with a keyframe too
                    }
                    if (video) {
                        lastVideoDts = dts;
                    }
                    long shift = Timestamps.fromMicros(PROGRAM_OFFSET_MICROS, base);
                    packet.pts(packet.pts() + shift);
                    packet.dts(packet.dts() + shift);
                    packet.stream_index(video ? 0 : 1);
                    out.write(packet);
                }
                out.finish();
                out.close();
                list.add(new RecordingClip.Segment(dir.resolve("seg-" + index + ".ts"), segmentStart / 1000,
                        (lastVideoDts + 40_000 - segmentFirstDts) / 1000));
            } finally {
                av_packet_free(packet);
            }
        }
        List<RecordingClip.Segment> kept = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!missing.containsKey(i)) {
                kept.add(list.get(i));
            }
        }
        return kept;
    }
}
