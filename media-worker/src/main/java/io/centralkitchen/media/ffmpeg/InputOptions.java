package io.centralkitchen.media.ffmpeg;

import java.time.Duration;
import java.util.Objects;

/**
 * How an input is opened: the one place for its limits. {@code readTimeout} bounds every blocking read of a network or
 * in-memory input (and, with 5 s more, its open and probe) through an {@link IoDeadline}, and is FFmpeg's
 * {@code rw_timeout} for network URLs; {@code probeSize}/{@code analyzeDuration} cap how much is read to find the
 * streams (0/null: FFmpeg's defaults); {@code protocolWhitelist} (FFmpeg's {@code protocol_whitelist}, e.g. "file" or
 * "rtmp,tcp") and {@code formatWhitelist} ({@code format_whitelist}, e.g. "mov,mp4,m4a,3gp,3g2,mj2,flv,mpegts")
 * restrict what may be opened (null: anything).
 */
public record InputOptions(Duration readTimeout, long probeSize, Duration analyzeDuration, String protocolWhitelist,
                           String formatWhitelist) {

    /** Files of the media operations: 30 s per read, FFmpeg's probing defaults, any protocol and format. */
    public static final InputOptions DEFAULT = new InputOptions(Duration.ofSeconds(30), 0, null, null, null);

    public InputOptions {
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("The read timeout must be positive, got " + readTimeout);
        }
    }

    /**
     * A live feed: a silent source counts as ended after {@code readTimeout}; probing stops after 1 MB or 1.5 s of
     * media, so a show goes on air quickly.
     */
    public static InputOptions live(Duration readTimeout) {
        return new InputOptions(readTimeout, 1_000_000, Duration.ofMillis(1500), null, null);
    }

    public InputOptions withReadTimeout(Duration timeout) {
        return new InputOptions(timeout, probeSize, analyzeDuration, protocolWhitelist, formatWhitelist);
    }

    public InputOptions withProtocolWhitelist(String protocols) {
        return new InputOptions(readTimeout, probeSize, analyzeDuration, protocols, formatWhitelist);
    }

    public InputOptions withFormatWhitelist(String formats) {
        return new InputOptions(readTimeout, probeSize, analyzeDuration, protocolWhitelist, formats);
    }
}
