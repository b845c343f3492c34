package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.StreamDecoder;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

import java.nio.file.Path;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

/** Decodes every video packet of a file and counts the pictures that come out without errors. */
public final class DecodeCheck {

    private DecodeCheck() {
    }

    public static int decodedFrames(Path file) {
        int[] count = {0};
        try (Demuxer in = Demuxer.open(file); StreamDecoder decoder = new StreamDecoder(in.video())) {
            decoder.context().err_recognition(org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE);
            AVPacket packet = av_packet_alloc();
            try {
                while (in.read(packet)) {
                    if (packet.stream_index() == in.videoIndex()) {
                        decoder.decode(packet, f -> {
                            if (f.decode_error_flags() == 0) {
                                count[0]++;
                            }
                        });
                    }
                }
                decoder.flush(f -> count[0]++);
            } finally {
                av_packet_free(packet);
            }
        }
        return count[0];
    }
}
