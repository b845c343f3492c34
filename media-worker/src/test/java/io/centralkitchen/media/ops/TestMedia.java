package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import io.centralkitchen.media.ffmpeg.Timestamps;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

/** Test media made on the spot (nothing in git), cached per test JVM, and packet-level facts about outputs. */
public final class TestMedia {

    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "test-media");

    private TestMedia() {
    }

    /** 12 s of 320x180 25 fps H.264/AAC, a keyframe every 2 s (50 frames). */
    public static synchronized Path small(String format) {
        return make("small." + format, format, 12, 320, 180, 25, 50);
    }

    /**
     * 12 s of 320x180 25 fps with B-frames (x264 "veryfast": decode order differs from display order), keyframes
     * every 2 s: the hard case for cutting.
     */
    public static synchronized Path withBFrames() {
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve("bframes.mp4");
            if (!Files.exists(file)) {
                Path part = DIR.resolve("bframes.part.mp4");
                try (SyntheticSignal signal = new SyntheticSignal(320, 180, 25, 48000, 2, 440, "bframes");
                     FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(part.toFile(), 320, 180, 2)) {
                    recorder.setFormat("mp4");
                    recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                    recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                    recorder.setFrameRate(25);
                    recorder.setGopSize(50);
                    recorder.setVideoOption("preset", "veryfast");
                    recorder.setVideoOption("sc_threshold", "0");
                    recorder.setVideoOption("x264-params", "open-gop=0:keyint-min=50");
                    recorder.setSampleRate(48000);
                    recorder.setAudioChannels(2);
                    recorder.start();
                    for (int i = 0; i < 12 * 25; i++) {
                        recorder.record(signal.nextVideo());
                        recorder.record(signal.nextAudio());
                    }
                    recorder.stop();
                }
                Files.move(part, file);
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make test media with B-frames", e);
        }
    }

    /** 1 s of AAC in MP4, no video. */
    public static synchronized Path audioOnly() {
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve("voice.m4a");
            if (!Files.exists(file)) {
                io.centralkitchen.media.ffmpeg.FFmpegRuntime.init();
                try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 2)) {
                    recorder.setFormat("mp4");
                    recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                    recorder.setSampleRate(48000);
                    recorder.start();
                    recorder.recordSamples(48000, 2, java.nio.ShortBuffer.wrap(new short[48000 * 2]));
                    recorder.stop();
                }
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make audio-only test media", e);
        }
    }

    /** The small FLV with its first 64 bytes (the header) overwritten. */
    public static synchronized Path corruptHeader() {
        try {
            Path file = DIR.resolve("corrupt.flv");
            if (!Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(small("flv"));
                for (int i = 0; i < 64; i++) {
                    bytes[i] = (byte) (i * 37 + 11);
                }
                Files.write(file, bytes);
            }
            return file;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static synchronized Path make(String name, String format, int seconds, int w, int h, int fps, int gop) {
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name);
            if (!Files.exists(file)) {
                Path part = DIR.resolve(name + ".part." + format);
                SyntheticSignal.writeFile(part, format, Duration.ofSeconds(seconds), w, h, fps, gop, name);
                Files.move(part, file);
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make test media " + name, e);
        }
    }

    /** Per video packet in file order: pts in micros and whether it is a keyframe. */
    public record VideoPacket(long ptsMicros, long dtsMicros, boolean key) {
    }

    public static List<VideoPacket> videoPackets(Path file) {
        List<VideoPacket> list = new ArrayList<>();
        try (Demuxer in = Demuxer.open(file)) {
            AVPacket packet = av_packet_alloc();
            try {
                while (in.read(packet)) {
                    if (packet.stream_index() == in.videoIndex()) {
                        list.add(new VideoPacket(Timestamps.toMicros(packet.pts(), in.video().time_base()),
                                Timestamps.toMicros(packet.dts(), in.video().time_base()),
                                (packet.flags() & AV_PKT_FLAG_KEY) != 0));
                    }
                }
            } finally {
                av_packet_free(packet);
            }
        }
        return list;
    }

    /** First presentation time of the first packet of the video and audio streams, in micros: {video, audio}. */
    public static long[] firstTimestamps(Path file) {
        long video = Long.MAX_VALUE;
        long audio = Long.MAX_VALUE;
        try (Demuxer in = Demuxer.open(file)) {
            AVPacket packet = av_packet_alloc();
            try {
                while (in.read(packet)) {
                    if (packet.stream_index() == in.videoIndex()) {
                        video = Math.min(video, Timestamps.toMicros(packet.pts(), in.video().time_base()));
                    } else if (packet.stream_index() == in.audioIndex()) {
                        audio = Math.min(audio, Timestamps.toMicros(packet.pts(), in.audio().time_base()));
                    }
                }
            } finally {
                av_packet_free(packet);
            }
        }
        return new long[]{video, audio};
    }
}
