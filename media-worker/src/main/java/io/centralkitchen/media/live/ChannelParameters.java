package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.CodecParameters;
import io.centralkitchen.media.ffmpeg.Packets;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * The codec set-up a profile's packets currently have (the ingest's when copying, the encoders' when encoding): what a
 * destination opens its connection with, and what the first packet of each stream after a switch announces as new
 * extradata, so that destinations carry on without reconnecting. Set by the channel's thread, read by destinations'.
 */
final class ChannelParameters implements AutoCloseable {

    private final Object lock = new Object();
    private AVCodecParameters video;
    private AVCodecParameters audio;
    private boolean announceVideo;
    private boolean announceAudio;

    /** Takes over {@code newVideo} and {@code newAudio} (copies); their first packets will announce them. */
    void set(AVCodecParameters newVideo, AVCodecParameters newAudio) {
        synchronized (lock) {
            CodecParameters.free(video);
            CodecParameters.free(audio);
            video = newVideo;
            audio = newAudio;
            announceVideo = true;
            announceAudio = true;
            lock.notifyAll();
        }
    }

    /** Copies of the parameters (the caller frees them), waiting up to {@code timeoutMillis} for the first; null then. */
    AVCodecParameters[] snapshot(long timeoutMillis) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMillis;
        synchronized (lock) {
            while (video == null) {
                long left = until - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                lock.wait(left);
            }
            return new AVCodecParameters[]{CodecParameters.copy(video), CodecParameters.copy(audio)};
        }
    }

    /** Attaches the set-up to {@code packet} if it is the first of its stream since the last {@link #set}. */
    void announceIfFirst(AVPacket packet) {
        boolean isVideo = packet.stream_index() == LiveStreams.VIDEO;
        synchronized (lock) {
            if (isVideo && announceVideo) {
                Packets.announce(packet, video);
                announceVideo = false;
            } else if (!isVideo && announceAudio) {
                Packets.announce(packet, audio);
                announceAudio = false;
            }
        }
    }

    @Override
    public void close() {
        set(null, null);
    }
}
