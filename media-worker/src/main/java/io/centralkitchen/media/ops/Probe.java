package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.FFmpegException;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.StreamDecoder;
import io.centralkitchen.media.ffmpeg.Timestamps;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_describe;
import static org.bytedeco.ffmpeg.global.avutil.av_get_media_type_string;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

/**
 * Reads what a media file holds — duration, streams, codecs, resolution, frame rate, audio layout, keyframe times —
 * and checks that it is whole: its first picture decodes and its last keyframe's group of pictures is all there.
 * Anything unreadable is a {@link MediaInvalidException} naming the file's problem.
 */
public final class Probe {

    private Probe() {
    }

    /** Probes a file that must contain video. */
    public static MediaInfo probe(Path file) {
        return probe(file, true);
    }

    public static MediaInfo probe(Path file, boolean requireVideo) {
        try (Demuxer in = openMedia(file)) {
            return describe(in, file, requireVideo);
        }
    }

    /**
     * Describes and checks an opened input (which operations then go on reading: no second open of a long
     * recording). Leaves the input positioned at its start.
     */
    static MediaInfo describe(Demuxer in, Path file, boolean requireVideo) {
        long size = sizeOf(file);
        if (requireVideo && !in.hasVideo()) {
            throw new MediaInvalidException("The file has no video stream (found: " + streamTypes(in)
                    + "). Upload a video file (H.264 in MP4 or FLV).");
        }
        List<Long> keyframes = in.hasVideo() ? keyframes(in) : List.of();
        long duration = in.durationMicros();
        MediaInfo.Video video = in.hasVideo() ? videoOf(in.video()) : null;
        MediaInfo.Audio audio = in.hasAudio() ? audioOf(in.audio()) : null;
        if (in.hasVideo()) {
            checkFirstPictureDecodes(in, file);
            checkEndIsPresent(in, keyframes, duration, file);
        }
        return new MediaInfo(in.context().iformat().name().getString(), duration, size, video, audio,
                streams(in), keyframes);
    }

    /** Opens a file as media, or says in plain words why it is not. */
    static Demuxer openMedia(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MediaInvalidException("The source file " + file.getFileName() + " does not exist.");
        }
        if (sizeOf(file) == 0) {
            throw new MediaInvalidException("The file is empty (0 bytes): the upload did not finish or wrote nothing. "
                    + "Upload it again.");
        }
        try {
            return Demuxer.open(file);
        } catch (FFmpegException e) {
            throw new MediaInvalidException("The file is not readable as media (FFmpeg: " + FFmpegException.describe(e.code())
                    + "): it is corrupt, truncated, or not a video at all. Check that the upload finished and that "
                    + "the file is a video (MP4, FLV, MOV, TS), then upload it again.", e);
        }
    }

    private static List<Long> keyframes(Demuxer in) {
        AVStream video = in.video();
        List<Long> found = new ArrayList<>();
        int entries = avformat_index_get_entries_count(video);
        String format = in.context().iformat().name().getString();
        // MP4/MOV carry a complete sample index; other containers (FLV, TS) only know what has been read, so scan.
        if (format.contains("mp4") && entries > 0) {
            // The index holds decoding times; with B-frames a keyframe is shown later by the stream's reorder delay.
            long reorder = reorderDelayMicros(in);
            for (int i = 0; i < entries; i++) {
                AVIndexEntry entry = avformat_index_get_entry(video, i);
                if ((entry.flags() & AVIndexEntry.AVINDEX_KEYFRAME) != 0) {
                    found.add(Timestamps.toMicros(entry.timestamp(), video.time_base()) + reorder);
                }
            }
        } else {
            AVPacket packet = Packets.alloc();
            try {
                while (readOrTruncated(in, packet)) {
                    if (packet.stream_index() == in.videoIndex() && Packets.isKeyframe(packet)) {
                        long pts = Timestamps.isSet(packet.pts()) ? packet.pts() : packet.dts();
                        found.add(Timestamps.toMicros(pts, video.time_base()));
                    }
                }
            } finally {
                Packets.free(packet);
            }
            in.seekToKeyframeBefore(0);
        }
        long start = mediaStart(in);
        return found.stream().map(k -> k - start).sorted().distinct().toList();
    }

    /** PTS minus DTS of the first video keyframe: how long B-frame reordering delays display. */
    private static long reorderDelayMicros(Demuxer in) {
        AVPacket packet = Packets.alloc();
        try {
            while (readOrTruncated(in, packet)) {
                if (packet.stream_index() == in.videoIndex() && Packets.isKeyframe(packet)
                        && Timestamps.isSet(packet.pts()) && Timestamps.isSet(packet.dts())) {
                    return Timestamps.toMicros(packet.pts() - packet.dts(), in.video().time_base());
                }
            }
            return 0;
        } finally {
            Packets.free(packet);
            in.seekToKeyframeBefore(0);
        }
    }

    private static boolean readOrTruncated(Demuxer in, AVPacket packet) {
        try {
            return in.read(packet);
        } catch (FFmpegException e) {
            throw truncated(in.url(), e);
        }
    }

    private static void checkFirstPictureDecodes(Demuxer in, Path file) {
        AVPacket packet = Packets.alloc();
        boolean[] decoded = {false};
        try (StreamDecoder decoder = new StreamDecoder(in.video())) {
            int packets = 0;
            while (!decoded[0] && packets < 600 && in.read(packet)) {
                if (packet.stream_index() == in.videoIndex()) {
                    packets++;
                    decoder.decode(packet, f -> decoded[0] = true);
                }
            }
            if (!decoded[0]) {
                decoder.flush(f -> decoded[0] = true);
            }
        } catch (FFmpegException e) {
            throw new MediaInvalidException("The video of " + file.getFileName() + " cannot be decoded (FFmpeg: "
                    + FFmpegException.describe(e.code()) + "): the file is corrupt. Upload an intact copy.", e);
        } finally {
            Packets.free(packet);
        }
        if (!decoded[0]) {
            throw new MediaInvalidException("No picture of " + file.getFileName() + " can be decoded: the video stream is "
                    + "empty or corrupt. Upload an intact copy.");
        }
    }

    /** Reads from the last keyframe to the end: a cut-off file ends well before the duration its header declares. */
    private static void checkEndIsPresent(Demuxer in, List<Long> keyframes, long duration, Path file) {
        if (keyframes.isEmpty() || duration <= 0) {
            return;
        }
        long lastKey = keyframes.get(keyframes.size() - 1);
        AVStream video = in.video();
        double frame = 1e6 / Math.max(1, av_q2d(video.avg_frame_rate()));
        long lastPts = Long.MIN_VALUE;
        AVPacket packet = Packets.alloc();
        try {
            in.seekToKeyframeBefore(lastKey);
            while (readOrTruncated(in, packet)) {
                if (packet.stream_index() == in.videoIndex() && Timestamps.isSet(packet.pts())) {
                    lastPts = Math.max(lastPts, Timestamps.toMicros(packet.pts(), video.time_base()));
                }
            }
            in.seekToKeyframeBefore(0);
        } finally {
            Packets.free(packet);
        }
        long start = Math.max(0, Timestamps.toMicros(Math.max(0, video.start_time()), video.time_base()));
        long videoEnd = Timestamps.isSet(video.duration()) && video.duration() > 0
                ? start + Timestamps.toMicros(video.duration(), video.time_base()) : duration;
        if (lastPts == Long.MIN_VALUE || lastPts + frame * 3 < videoEnd - Math.max(1_000_000, 4 * frame)) {
            throw new MediaInvalidException("The file " + file.getFileName() + " is truncated: its header declares "
                    + String.format("%.2f", videoEnd / 1e6) + " s of video but the pictures end at "
                    + (lastPts == Long.MIN_VALUE ? "its last keyframe" : String.format("%.2f s", lastPts / 1e6))
                    + ". The upload or recording was cut off; upload the complete file.");
        }
    }

    private static MediaInvalidException truncated(String url, FFmpegException e) {
        return new MediaInvalidException("The file is damaged or cut off: reading it fails (FFmpeg: "
                + FFmpegException.describe(e.code()) + "). Upload the complete, intact file.", e);
    }

    private static MediaInfo.Video videoOf(AVStream st) {
        AVCodecParameters p = st.codecpar();
        AVRational rate = st.avg_frame_rate().num() > 0 ? st.avg_frame_rate() : st.r_frame_rate();
        String pix = p.format() >= 0 ? av_get_pix_fmt_name(p.format()).getString() : "unknown";
        return new MediaInfo.Video(avcodec_get_name(p.codec_id()).getString(), p.width(), p.height(),
                rate.den() == 0 ? 0 : av_q2d(rate), p.bit_rate(), pix, startOf(st));
    }

    private static MediaInfo.Audio audioOf(AVStream st) {
        AVCodecParameters p = st.codecpar();
        byte[] layout = new byte[64];
        int n = av_channel_layout_describe(p.ch_layout(), layout, layout.length);
        String name = n > 0 ? new String(layout, 0, Math.min(n, layout.length) - 1).trim() : "unknown";
        return new MediaInfo.Audio(avcodec_get_name(p.codec_id()).getString(), p.sample_rate(),
                p.ch_layout().nb_channels(), name, p.bit_rate(), startOf(st));
    }

    /** Where the media's timeline begins (MPEG-TS rarely starts at 0); every time an operation takes counts from it. */
    static long mediaStart(Demuxer in) {
        long start = in.context().start_time();
        return Timestamps.isSet(start) ? start : 0;
    }

    private static long startOf(AVStream st) {
        return Timestamps.isSet(st.start_time()) ? Timestamps.toMicros(st.start_time(), st.time_base()) : 0;
    }

    private static List<MediaInfo.StreamInfo> streams(Demuxer in) {
        List<MediaInfo.StreamInfo> list = new ArrayList<>();
        for (int i = 0; i < in.context().nb_streams(); i++) {
            AVCodecParameters p = in.stream(i).codecpar();
            list.add(new MediaInfo.StreamInfo(i, av_get_media_type_string(p.codec_type()) == null ? "data"
                    : av_get_media_type_string(p.codec_type()).getString(), avcodec_get_name(p.codec_id()).getString()));
        }
        return list;
    }

    private static String streamTypes(Demuxer in) {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < in.context().nb_streams(); i++) {
            int type = in.stream(i).codecpar().codec_type();
            types.add(type == AVMEDIA_TYPE_AUDIO ? "audio" : type == AVMEDIA_TYPE_VIDEO ? "video" : "data");
        }
        return types.isEmpty() ? "no streams" : String.join(", ", types);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
