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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
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

    /** Probes a source video under the default {@link MediaLimits}. */
    public static MediaInfo probe(Path file) {
        return probe(file, MediaLimits.DEFAULTS);
    }

    /** Probes a source video: {@link AcceptedVideo} and the limits, the first picture, the end of the file. */
    public static MediaInfo probe(Path file, MediaLimits limits) {
        try (Demuxer in = openMedia(file, limits)) {
            return describe(in, file, true, limits);
        }
    }

    /** Probes any media file (also sound only) of an accepted container under the default limits. */
    public static MediaInfo probe(Path file, boolean requireVideo) {
        try (Demuxer in = openMedia(file, MediaLimits.DEFAULTS)) {
            return describe(in, file, requireVideo, MediaLimits.DEFAULTS);
        }
    }

    /**
     * Checks a file this platform wrote itself (a rendition): any container, no limits, but a whole video. A fault is
     * the platform's, not the uploader's: {@link IllegalStateException}, not bad input.
     */
    static MediaInfo output(Path file) {
        try (Demuxer in = Demuxer.open(file)) {
            return describe(in, file, false, null);
        } catch (MediaInvalidException | FFmpegException e) {
            throw new IllegalStateException("The output written for this job failed its check: " + e.getMessage(), e);
        }
    }

    /**
     * Describes and checks an opened input (which operations then go on reading: no second open of a long
     * recording). Leaves the input positioned at its start. With {@code limits} null, only decoding is checked.
     */
    static MediaInfo describe(Demuxer in, Path file, boolean requireVideo, MediaLimits limits) {
        long size = AcceptedVideo.sizeOf(file);
        if (requireVideo) {
            AcceptedVideo.check(in, file, limits);
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

    /** Opens a source video under the limits, or says in plain words why it is not one. */
    static Demuxer openMedia(Path file, MediaLimits limits) {
        return AcceptedVideo.open(file, limits);
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
            throw truncated(e);
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

    private static MediaInvalidException truncated(FFmpegException e) {
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
}
