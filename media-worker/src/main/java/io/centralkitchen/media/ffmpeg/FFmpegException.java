package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * An FFmpeg call failed: the one exception of the FFmpeg layer, unchecked. Carries FFmpeg's error code so callers can
 * tell unreadable input ({@link #isInvalidData()}) from I/O trouble.
 */
public class FFmpegException extends RuntimeException {

    private final int code;

    public FFmpegException(int code, String message) {
        super(message + ": " + describe(code) + " (" + code + ")");
        this.code = code;
    }

    public FFmpegException(int code, String message, Throwable cause) {
        this(code, message);
        initCause(cause);
    }

    /** The input lacks a stream it needs ({@link #isInvalidData()}). */
    public static FFmpegException missingStream(String message) {
        return new FFmpegException(avutil.AVERROR_STREAM_NOT_FOUND(), message);
    }

    public int code() {
        return code;
    }

    /** The data is not what the format or codec expects (corrupt, truncated, not media at all). */
    public boolean isInvalidData() {
        return code == avutil.AVERROR_INVALIDDATA() || code == avutil.AVERROR_EOF()
                || code == avutil.AVERROR_DECODER_NOT_FOUND() || code == avutil.AVERROR_DEMUXER_NOT_FOUND()
                || code == avutil.AVERROR_STREAM_NOT_FOUND() || code == avutil.AVERROR_PATCHWELCOME();
    }

    /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
    public static String describe(int code) {
        byte[] buffer = new byte[256];
        avutil.av_strerror(code, buffer, buffer.length);
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Throws when {@code ret} is negative (an FFmpeg error), otherwise returns it. */
    public static int check(int ret, String what) {
        if (ret < 0) {
            throw new FFmpegException(ret, what);
        }
        return ret;
    }
}
