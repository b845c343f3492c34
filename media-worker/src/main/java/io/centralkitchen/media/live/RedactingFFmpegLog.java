package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's log lines go to SLF4J with every known secret redacted: network protocols print URLs and stream names in
 * their errors, and those carry stream keys. Installed once by the live engine, after {@link FFmpegRuntime#init()}.
 */
final class RedactingFFmpegLog extends LogCallback {

    private static final Logger log = LoggerFactory.getLogger("ffmpeg");
    private static RedactingFFmpegLog instance;

    static synchronized void install() {
        FFmpegRuntime.init();
        if (instance == null) {
            instance = new RedactingFFmpegLog();
            avutil.setLogCallback(instance);
        }
    }

    @Override
    public void call(int level, BytePointer message) {
        String line = LiveSecrets.redact(message.getString().strip());
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
