package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.UnaryOperator;

/**
 * FFmpeg's log lines go to SLF4J through a redactor: network protocols print URLs and stream names in their errors,
 * and those carry stream keys. Installed once (by the live engine), after {@link FFmpegRuntime#init()}.
 */
public final class RedactingFFmpegLog extends LogCallback {

    private static final Logger log = LoggerFactory.getLogger("ffmpeg");
    private static RedactingFFmpegLog instance;

    private final UnaryOperator<String> redactor;

    private RedactingFFmpegLog(UnaryOperator<String> redactor) {
        this.redactor = redactor;
    }

    /** Sends FFmpeg's log through {@code redactor}; the first installation stays (it must stay reachable). */
    public static synchronized void install(UnaryOperator<String> redactor) {
        FFmpegRuntime.init();
        if (instance == null) {
            instance = new RedactingFFmpegLog(redactor);
            avutil.setLogCallback(instance);
        }
    }

    @Override
    public void call(int level, BytePointer message) {
        String line = redactor.apply(message.getString().strip());
        if (line.isEmpty()) {
            return;
        }
        if (level <= avutil.AV_LOG_ERROR) {
            log.warn(line);
        } else if (level <= avutil.AV_LOG_WARNING) {
            log.info(line);
        } else {
            log.debug(line);
        }
    }
}
