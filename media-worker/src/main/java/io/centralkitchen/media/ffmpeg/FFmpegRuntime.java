package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
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

    /** Whether this FFmpeg build can read from {@code protocol} (e.g. "srt": only with libsrt, which JavaCV may lack). */
    public static boolean hasInputProtocol(String protocol) {
        init();
        try (PointerPointer<Pointer> opaque = new PointerPointer<>(1)) {
            opaque.put(0, (Pointer) null);
            BytePointer name;
            while ((name = avformat.avio_enum_protocols(opaque, 0)) != null && !name.isNull()) {
                if (protocol.equals(name.getString())) {
                    return true;
                }
            }
        }
        return false;
    }
}
