package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.CodecParameters;
import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.H264Bitstream;
import io.centralkitchen.media.ffmpeg.StreamDecoder;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;

/**
 * What the program makes of one ingest session's streams: the video in Annex B (as the engine's encoders write it, so
 * copied and encoded packets look alike), a decoder per stream — one thread each for latency, a corrupt packet of a
 * live feed skipped rather than the end of the show —, and what the feed carries ({@link IngestInfo}).
 */
final class IngestStreams implements AutoCloseable {

    private H264Bitstream.ToAnnexB annexB;
    private StreamDecoder video;
    private StreamDecoder audio;
    private final AVCodecParameters audioParameters;
    private final IngestInfo info;

    IngestStreams(Demuxer demuxer) {
        AVCodecParameters v = demuxer.parameters(demuxer.videoIndex());
        audioParameters = demuxer.audioIndex() >= 0 ? demuxer.parameters(demuxer.audioIndex()) : null;
        info = new IngestInfo(CodecParameters.isH264(v), v.width(), v.height(), v.bit_rate(), demuxer.fps(),
                CodecParameters.isAac(audioParameters), audioParameters == null ? 0 : audioParameters.sample_rate(),
                CodecParameters.channels(audioParameters));
        try {
            annexB = new H264Bitstream.ToAnnexB(v, LiveStreams.MILLIS);
            video = new StreamDecoder(v, null, 1, StreamDecoder.OnCorrupt.SKIP, "the ingest video");
            if (audioParameters != null) {
                audio = new StreamDecoder(audioParameters, null, 1, StreamDecoder.OnCorrupt.SKIP, "the ingest audio");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    IngestInfo info() {
        return info;
    }

    H264Bitstream.ToAnnexB annexB() {
        return annexB;
    }

    /** The Annex B video's parameters (what copying profiles and the recorder are set up with). */
    AVCodecParameters videoParameters() {
        return annexB.parameters();
    }

    /** The audio's parameters, null for a feed without sound. */
    AVCodecParameters audioParameters() {
        return audioParameters;
    }

    StreamDecoder decoder(boolean forVideo) {
        return forVideo ? video : audio;
    }

    boolean hasAudio() {
        return audio != null;
    }

    @Override
    public void close() {
        if (video != null) {
            video.close();
            video = null;
        }
        if (audio != null) {
            audio.close();
            audio = null;
        }
        if (annexB != null) {
            annexB.close();
            annexB = null;
        }
    }
}
