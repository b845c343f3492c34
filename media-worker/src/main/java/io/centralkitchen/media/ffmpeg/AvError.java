package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.global.avutil;

import java.io.IOException;

/** FFmpeg's negative return codes turned into exceptions that say what failed, in words. */
public final class AvError extends IOException {

    private final int code;

    public AvError(String what, int code) {
        super(what + ": " + text(code) + " (" + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isEndOfFile() {
        return code == avutil.AVERROR_EOF;
    }

    /** FFmpeg's description of an error code. */
    public static String text(int code) {
        byte[] buffer = new byte[256];
        avutil.av_strerror(code, buffer, buffer.length);
        int n = 0;
        while (n < buffer.length && buffer[n] != 0) {
            n++;
        }
        return new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Returns {@code result} when it is not an error, else throws naming {@code what}. */
    public static int check(int result, String what) throws AvError {
        if (result < 0) {
            throw new AvError(what, result);
        }
        return result;
    }
}
