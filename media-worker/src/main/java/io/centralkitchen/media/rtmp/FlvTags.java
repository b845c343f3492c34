package io.centralkitchen.media.rtmp;

import java.util.Arrays;
import java.util.Map;

/** RTMP media and data messages as the FLV stream the demuxer reads. */
final class FlvTags {

    private FlvTags() {
    }

    /** The FLV file header, announcing video and, if {@code audio}, an audio track. */
    static byte[] header(boolean audio) {
        return new byte[]{'F', 'L', 'V', 1, (byte) (audio ? 5 : 1), 0, 0, 0, 9, 0, 0, 0, 0};
    }

    /** One FLV tag (type 8 audio, 9 video, 18 script data) with its trailing previous-tag size. */
    static byte[] tag(int type, long timestamp, byte[] payload) {
        byte[] tag = new byte[11 + payload.length + 4];
        tag[0] = (byte) type;
        tag[1] = (byte) (payload.length >> 16);
        tag[2] = (byte) (payload.length >> 8);
        tag[3] = (byte) payload.length;
        tag[4] = (byte) (timestamp >> 16);
        tag[5] = (byte) (timestamp >> 8);
        tag[6] = (byte) timestamp;
        tag[7] = (byte) (timestamp >> 24);
        System.arraycopy(payload, 0, tag, 11, payload.length);
        int size = 11 + payload.length;
        tag[size] = (byte) (size >> 24);
        tag[size + 1] = (byte) (size >> 16);
        tag[size + 2] = (byte) (size >> 8);
        tag[size + 3] = (byte) size;
        return tag;
    }

    /**
     * Whether the stream's metadata (sent before any media by OBS, FFmpeg and hardware encoders) mentions audio: a
     * feed without sound must not be announced with an audio track, or the demuxer waits for one.
     */
    static boolean announcesAudio(byte[] metadata) {
        try {
            for (Object value : Amf0.decodeAll(metadata)) {
                if (value instanceof Map<?, ?> map) {
                    return map.containsKey("audiocodecid") || map.containsKey("audiosamplerate") || map.containsKey("stereo");
                }
            }
        } catch (RuntimeException malformed) {
            return true;
        }
        return true;
    }

    /** "@setDataFrame", "onMetaData", {...} becomes the FLV script tag "onMetaData", {...}. */
    static byte[] stripSetDataFrame(byte[] payload) {
        byte[] marker = Amf0.encode("@setDataFrame");
        if (payload.length > marker.length && Arrays.equals(payload, 0, marker.length, marker, 0, marker.length)) {
            return Arrays.copyOfRange(payload, marker.length, payload.length);
        }
        return payload;
    }
}
