package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avutil.AVDictionary;

import java.time.Duration;
import java.util.Objects;

import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

/**
 * How an input is opened: the one place for its limits. {@code readTimeout} bounds every blocking read of a network or
 * in-memory input (and, with 5 s more, its open and probe) through an {@link IoDeadline}, and is FFmpeg's
 * {@code rw_timeout} for network URLs; {@code probeSize}/{@code analyzeDuration} cap how much is read to find the
 * streams (0/null: FFmpeg's defaults); {@code protocolWhitelist} (FFmpeg's {@code protocol_whitelist}, e.g. "file" or
 * "rtmp,tcp") and {@code formatWhitelist} ({@code format_whitelist}, e.g. {@link #STORED_FORMATS}) restrict what may be
 * opened — also by a demuxer that opens further inputs itself (HLS, concat), which inherits both (null: anything);
 * {@code maxStreams} caps the streams a container may declare ({@code max_streams}; 0: FFmpeg's 1000).
 */
public record InputOptions(Duration readTimeout, long probeSize, Duration analyzeDuration, String protocolWhitelist,
                           String formatWhitelist, int maxStreams) {

    /** Local files only: no URL, no other protocol, also not through a playlist inside the file. */
    public static final String LOCAL_FILE = "file";

    /**
     * What a pulled live feed may use: RTMP(S), SRT, UDP/RTP and HTTP(S) for HLS — never {@code file}, so a remote
     * playlist cannot make the engine read the machine's own files.
     */
    public static final String PULL_PROTOCOLS = "rtmp,rtmps,rtmpt,rtmpts,tcp,tls,srt,udp,rtp,http,https,httpproxy,hls,crypto";

    /** Nothing: an in-memory input (an RTMP publish, the test pattern) reads no URL, and may not make FFmpeg read one. */
    public static final String NO_PROTOCOL = "none";

    /**
     * The containers of stored media (libavformat demuxer names): MP4/MOV/3GP, Matroska/WebM, FLV, MPEG-TS. Not HLS,
     * concat, image sequences or any other format that reads further files or URLs.
     */
    public static final String STORED_FORMATS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,flv,live_flv,mpegts";

    /** Local work files (the recorder's segments, outputs read back): 30 s per read, {@code file} only, any format. */
    public static final InputOptions DEFAULT = new InputOptions(Duration.ofSeconds(30), 0, null, LOCAL_FILE, null, 0);

    public InputOptions {
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("The read timeout must be positive, got " + readTimeout);
        }
    }

    /**
     * Stored media (sources of the file operations, downloaded to work files first): {@code file} only,
     * {@link #STORED_FORMATS}, probing capped at {@code probeSize} bytes and {@code analyzeDuration}, at most
     * {@code maxStreams} streams.
     */
    public static InputOptions storedMedia(long probeSize, Duration analyzeDuration, int maxStreams) {
        return new InputOptions(Duration.ofSeconds(30), probeSize, analyzeDuration, LOCAL_FILE, STORED_FORMATS, maxStreams);
    }

    /**
     * A live feed: a silent source counts as ended after {@code readTimeout}; probing stops after 1 MB or 1.5 s of
     * media, so a show goes on air quickly. Set the protocols for the kind of feed ({@link #PULL_PROTOCOLS},
     * {@link #LOCAL_FILE}, {@link #NO_PROTOCOL}).
     */
    public static InputOptions live(Duration readTimeout) {
        return new InputOptions(readTimeout, 1_000_000, Duration.ofMillis(1500), null, null, 64);
    }

    public InputOptions withReadTimeout(Duration timeout) {
        return new InputOptions(timeout, probeSize, analyzeDuration, protocolWhitelist, formatWhitelist, maxStreams);
    }

    public InputOptions withProtocolWhitelist(String protocols) {
        return new InputOptions(readTimeout, probeSize, analyzeDuration, protocols, formatWhitelist, maxStreams);
    }

    public InputOptions withFormatWhitelist(String formats) {
        return new InputOptions(readTimeout, probeSize, analyzeDuration, protocolWhitelist, formats, maxStreams);
    }

    /** These options as libavformat's open options (the caller frees them); {@code network}: a URL with a host. */
    AVDictionary dictionary(boolean network) {
        AVDictionary dictionary = new AVDictionary(null);
        if (network) {
            av_dict_set(dictionary, "rw_timeout", Long.toString(readTimeout.toNanos() / 1000), 0);
        }
        if (probeSize > 0) {
            av_dict_set(dictionary, "probesize", Long.toString(probeSize), 0);
        }
        if (analyzeDuration != null) {
            av_dict_set(dictionary, "analyzeduration", Long.toString(analyzeDuration.toNanos() / 1000), 0);
        }
        if (protocolWhitelist != null) {
            av_dict_set(dictionary, "protocol_whitelist", protocolWhitelist, 0);
        }
        if (formatWhitelist != null) {
            av_dict_set(dictionary, "format_whitelist", formatWhitelist, 0);
        }
        if (maxStreams > 0) {
            av_dict_set(dictionary, "max_streams", Integer.toString(maxStreams), 0);
        }
        return dictionary;
    }
}
