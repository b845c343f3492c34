package io.centralkitchen.media.live;

/** How packets leave the platform for a destination. */
public enum Protocol {
    /** RTMP or RTMPS push (FLV): every Chinese live platform, Bilibili, YouTube. */
    RTMP("flv"),
    /** SRT caller (MPEG-TS). */
    SRT("mpegts"),
    /** HLS written by the platform itself and served at {@code /live/<show>/index.m3u8}. */
    HLS("hls");

    private final String muxer;

    Protocol(String muxer) {
        this.muxer = muxer;
    }

    public String muxer() {
        return muxer;
    }
}
