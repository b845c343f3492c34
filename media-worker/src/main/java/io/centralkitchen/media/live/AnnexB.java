package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.AvError;
import org.bytedeco.ffmpeg.avcodec.AVBSFContext;
import org.bytedeco.ffmpeg.avcodec.AVBitStreamFilter;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Brings ingest H.264 into Annex B (start codes, parameter sets before keyframes), the form the engine's own encoders
 * produce: then every destination — FLV, MPEG-TS, HLS — and the recording take copied and encoded packets alike,
 * and a switch between them is only new extradata. Other codecs pass through.
 */
final class AnnexB implements AutoCloseable {

    private final AVBSFContext filter;
    private final AVCodecParameters output = avcodec.avcodec_parameters_alloc();

    AnnexB(AVCodecParameters input, org.bytedeco.ffmpeg.avutil.AVRational timeBase) throws IOException {
        boolean avcc = input.codec_id() == avcodec.AV_CODEC_ID_H264 && input.extradata_size() > 0
                && (input.extradata().get(0) & 0xff) == 1;
        if (!avcc) {
            filter = null;
            avcodec.avcodec_parameters_copy(output, input);
            return;
        }
        AVBitStreamFilter definition = avcodec.av_bsf_get_by_name("h264_mp4toannexb");
        AVBSFContext allocated = new AVBSFContext(null);
        AvError.check(avcodec.av_bsf_alloc(definition, allocated), "Cannot prepare the H.264 conversion");
        filter = allocated;
        avcodec.avcodec_parameters_copy(filter.par_in(), input);
        filter.time_base_in(timeBase);
        AvError.check(avcodec.av_bsf_init(filter), "Cannot start the H.264 conversion");
        avcodec.avcodec_parameters_copy(output, filter.par_out());
    }

    AVCodecParameters parameters() {
        return output;
    }

    /** Converts {@code packet} (its reference is taken over) and hands out the result (borrowed). */
    void convert(AVPacket packet, AVPacket scratch, Consumer<AVPacket> sink) {
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
    }

    static boolean isKeyframe(AVPacket packet) {
        return (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0;
    }

    static long ts(AVPacket packet) {
        return packet.dts() != avutil.AV_NOPTS_VALUE ? packet.dts() : packet.pts();
    }
}
