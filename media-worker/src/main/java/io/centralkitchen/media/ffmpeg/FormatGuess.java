package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avformat.AVPROBE_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.AVPROBE_SCORE_MAX;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_format2;

/**
 * What libavformat takes a file's first bytes for, without opening it: a refused input (a playlist, a picture) can
 * then be named in a message without letting its demuxer read anything it points at.
 *
 * @param name     the demuxer's name, e.g. "hls", "png_pipe", "mov,mp4,m4a,3gp,3g2,mj2"
 * @param longName what it is, e.g. "Apple HTTP Live Streaming"
 */
public record FormatGuess(String name, String longName) {

    private static final int HEAD = 64 * 1024;

    /**
     * The format of the file's first 64 KB when libavformat is sure of it (more than half its top score: a playlist's
     * or a picture's signature, not a guess from noise), or null.
     */
    public static FormatGuess of(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FFmpegRuntime.init();
        try (BytePointer buf = new BytePointer(head.length + AVPROBE_PADDING_SIZE);
             // HLS is only recognised in a file named .m3u8 (FFmpeg's own guard); the name lets a playlist be named as
             // such whatever it was uploaded as, and makes no other format more likely
             BytePointer name = new BytePointer("input.m3u8");
             AVProbeData probe = new AVProbeData();
             IntPointer score = new IntPointer(1)) {
            buf.fill(0);
            buf.put(head, 0, head.length);
            probe.filename(name).buf(buf).buf_size(head.length).mime_type(null);
            score.put(AVPROBE_SCORE_MAX / 2);
            AVInputFormat format = av_probe_input_format2(probe, 1, score);
            if (format == null || format.isNull()) {
                return null;
            }
            return new FormatGuess(format.name().getString(),
                    format.long_name() == null ? format.name().getString() : format.long_name().getString());
        }
    }

    /** Whether the format is one of the comma-separated demuxer names in {@code whitelist} (FFmpeg's own matching). */
    public boolean isIn(String whitelist) {
        for (String part : name.split(",")) {
            for (String allowed : whitelist.split(",")) {
                if (part.equals(allowed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
