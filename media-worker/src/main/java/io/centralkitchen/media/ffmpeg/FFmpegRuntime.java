package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegLogCallback;

/**
 * One-time set-up of the FFmpeg natives. Call {@link #init()} before the first grabber or recorder.
 * <p>
 * Note: never use libavdevice (e.g. the {@code lavfi} input): JavaCV's build links it against libpulse, which a
 * machine with only Java does not have. Synthetic media comes from {@link SyntheticSignal} instead.
 */
public final class FFmpegRuntime {

    private static volatile boolean initialised;

    private FFmpegRuntime() {
    }

    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (FFmpegRuntime.class) {
            if (!initialised) {
                avutil.av_log_set_level(avutil.AV_LOG_ERROR);
                FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
                FFmpegLogCallback.set();
                initialised = true;
            }
        }
    }
}
