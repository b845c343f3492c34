package io.centralkitchen.media.ffmpeg;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * H.264 bitstream framing: Annex B (start codes, as encoders write without a global header and MPEG-TS carries)
 * versus length-prefixed NAL units with an avcC record (MP4, FLV). Needed when packets of two encoders are joined in
 * one MP4 track: each part's parameter sets travel in-band in front of its first keyframe.
 */
public final class H264Nal {

    public static final int TYPE_IDR = 5;
    public static final int TYPE_SPS = 7;
    public static final int TYPE_PPS = 8;

    private H264Nal() {
    }

    /** True when {@code extradata} is an avcC record (MP4/FLV framing) rather than Annex B start codes. */
    public static boolean isAvcc(byte[] extradata) {
        return extradata != null && extradata.length > 6 && extradata[0] == 1;
    }

    /** Size in bytes of the NAL length prefix an avcC record declares (1, 2 or 4). */
    public static int lengthSize(byte[] avcc) {
        return (avcc[4] & 0x3) + 1;
    }

    /** The SPS and PPS NAL units of an avcC record, without any framing. */
    public static List<byte[]> parameterSets(byte[] avcc) {
        List<byte[]> units = new ArrayList<>();
        int pos = 5;
        int spsCount = avcc[pos++] & 0x1f;
        for (int i = 0; i < spsCount; i++) {
            int len = ((avcc[pos] & 0xff) << 8) | (avcc[pos + 1] & 0xff);
            pos += 2;
            units.add(java.util.Arrays.copyOfRange(avcc, pos, pos + len));
            pos += len;
        }
        int ppsCount = avcc[pos++] & 0xff;
        for (int i = 0; i < ppsCount; i++) {
            int len = ((avcc[pos] & 0xff) << 8) | (avcc[pos + 1] & 0xff);
            pos += 2;
            units.add(java.util.Arrays.copyOfRange(avcc, pos, pos + len));
            pos += len;
        }
        return units;
    }

    /** The NAL units of an Annex B buffer (start codes of 3 or 4 bytes), without framing. */
    public static List<byte[]> splitAnnexB(byte[] data) {
        List<byte[]> units = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < data.length) {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                if (start >= 0) {
                    units.add(trimTrailingZeros(data, start, i));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < data.length) {
            units.add(java.util.Arrays.copyOfRange(data, start, data.length));
        }
        return units;
    }

    /** NAL units framed with big-endian length prefixes of {@code lengthSize} bytes. */
    public static byte[] lengthPrefixed(List<byte[]> units, int lengthSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] unit : units) {
            for (int b = lengthSize - 1; b >= 0; b--) {
                out.write((unit.length >>> (8 * b)) & 0xff);
            }
            out.write(unit, 0, unit.length);
        }
        return out.toByteArray();
    }

    /** NAL units framed with 4-byte start codes. */
    public static byte[] annexB(List<byte[]> units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] unit : units) {
            out.write(0);
            out.write(0);
            out.write(0);
            out.write(1);
            out.write(unit, 0, unit.length);
        }
        return out.toByteArray();
    }

    public static int type(byte[] unit) {
        return unit[0] & 0x1f;
    }

    private static byte[] trimTrailingZeros(byte[] data, int from, int to) {
        int end = to;
        while (end > from && data[end - 1] == 0) {
            end--;
        }
        return java.util.Arrays.copyOfRange(data, from, end);
    }
}
