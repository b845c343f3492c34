package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.global.avcodec;

/** Codec parameters as values: copies that outlive their stream or encoder, and what a stream carries. */
public final class CodecParameters {

    private CodecParameters() {
    }

    /** A copy of {@code source} (null stays null); {@link #free} it. */
    public static AVCodecParameters copy(AVCodecParameters source) {
        if (source == null) {
            return null;
        }
        AVCodecParameters copy = avcodec.avcodec_parameters_alloc();
        avcodec.avcodec_parameters_copy(copy, source);
        return copy;
    }

    public static void free(AVCodecParameters parameters) {
        if (parameters != null) {
            avcodec.avcodec_parameters_free(parameters);
        }
    }

    public static boolean isH264(AVCodecParameters parameters) {
        return parameters != null && parameters.codec_id() == avcodec.AV_CODEC_ID_H264;
    }

    public static boolean isAac(AVCodecParameters parameters) {
        return parameters != null && parameters.codec_id() == avcodec.AV_CODEC_ID_AAC;
    }

    /** Number of audio channels (0 for none). */
    public static int channels(AVCodecParameters parameters) {
        return parameters == null ? 0 : parameters.ch_layout().nb_channels();
    }
}
