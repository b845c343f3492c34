package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVBSFContext;
import org.bytedeco.ffmpeg.avcodec.AVBitStreamFilter;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * H.264 bitstream framing, in one place: Annex B (start codes, as encoders write without a global header and MPEG-TS
 * carries) versus length-prefixed NAL units with an avcC record (MP4, FLV). The byte helpers serve joining packets of
 * two encoders in one MP4 track (each part's parameter sets travel in-band in front of its first keyframe);
 * {@link ToAnnexB} brings a whole stream into Annex B (the live ingest, so copied and encoded packets look alike).
 */
public final class H264Bitstream {

    public static final int TYPE_IDR = 5;
    public static final int TYPE_SPS = 7;
    public static final int TYPE_PPS = 8;

    private H264Bitstream() {
    }

    /** True when {@code extradata} is an avcC record (MP4/FLV framing) rather than Annex B start codes. */
    public static boolean isAvcc(byte[] extradata) {
        return extradata != null && extradata.length > 6 && extradata[0] == 1;
    }

    /** True when the stream is H.264 framed as avcC (from MP4 or FLV), i.e. not Annex B. */
    public static boolean isAvcc(AVCodecParameters parameters) {
        if (parameters.codec_id() != avcodec.AV_CODEC_ID_H264 || parameters.extradata_size() <= 0) {
            return false;
        }
        byte[] extradata = new byte[parameters.extradata_size()];
        parameters.extradata().get(extradata);
        return isAvcc(extradata);
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

    /**
     * Converts a stream's packets to Annex B (start codes, parameter sets before keyframes) with FFmpeg's
     * {@code h264_mp4toannexb}; streams that are not avcC H.264 pass through unchanged.
     */
    public static final class ToAnnexB implements AutoCloseable {

        private final AVBSFContext filter;
        private final AVCodecParameters output = avcodec.avcodec_parameters_alloc();
        private final AVPacket scratch = avcodec.av_packet_alloc();

        public ToAnnexB(AVCodecParameters input, AVRational timeBase) {
            if (!isAvcc(input)) {
                filter = null;
                avcodec.avcodec_parameters_copy(output, input);
                return;
            }
            AVBitStreamFilter definition = avcodec.av_bsf_get_by_name("h264_mp4toannexb");
            AVBSFContext allocated = new AVBSFContext(null);
            try {
                FFmpegException.check(avcodec.av_bsf_alloc(definition, allocated), "Cannot prepare the H.264 conversion");
                avcodec.avcodec_parameters_copy(allocated.par_in(), input);
                allocated.time_base_in(timeBase);
                FFmpegException.check(avcodec.av_bsf_init(allocated), "Cannot start the H.264 conversion");
            } catch (RuntimeException e) {
                avcodec.av_bsf_free(allocated);
                avcodec.avcodec_parameters_free(output);
                avcodec.av_packet_free(scratch);
                throw e;
            }
            filter = allocated;
            avcodec.avcodec_parameters_copy(output, filter.par_out());
        }

        /** The converted stream's parameters (owned by the converter). */
        public AVCodecParameters parameters() {
            return output;
        }

        /** Converts {@code packet} (its reference is taken over) and hands out the result (borrowed). */
        public void convert(AVPacket packet, Consumer<AVPacket> sink) {
            if (filter == null) {
                sink.accept(packet);
                avcodec.av_packet_unref(packet);
                return;
            }
            int streamIndex = packet.stream_index();
            if (avcodec.av_bsf_send_packet(filter, packet) < 0) {
                avcodec.av_packet_unref(packet);
                return;
            }
            while (avcodec.av_bsf_receive_packet(filter, scratch) >= 0) {
                scratch.stream_index(streamIndex);
                try {
                    sink.accept(scratch);
                } finally {
                    avcodec.av_packet_unref(scratch);
                }
            }
        }

        @Override
        public void close() {
            if (filter != null) {
                avcodec.av_bsf_free(filter);
            }
            avcodec.avcodec_parameters_free(output);
            avcodec.av_packet_free(scratch);
        }
    }
}
