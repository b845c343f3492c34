package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PacketQueueTest {

    @BeforeAll
    static void natives() {
        FFmpegRuntime.init();
    }

    static AVPacket packet(int stream, long dts, boolean key) {
        AVPacket p = avcodec.av_packet_alloc();
        avcodec.av_new_packet(p, 16);
        p.stream_index(stream).dts(dts).pts(dts).flags(key ? avcodec.AV_PKT_FLAG_KEY : 0);
        return p;
    }

    @Test
    void startsAtAKeyframeAndWhenFullDropsToTheNextKeyframeCountingEveryDrop() throws Exception {
        PacketQueue queue = new PacketQueue(5);
        queue.offer(packet(LiveStreams.AUDIO, 0, false));   // before the first keyframe: dropped
        queue.offer(packet(LiveStreams.VIDEO, 40, false));  // dropped
        queue.offer(packet(LiveStreams.VIDEO, 80, true));
        for (int i = 1; i <= 4; i++) {
            queue.offer(packet(LiveStreams.VIDEO, 80 + 40L * i, false));
        }
        assertThat(queue.size()).isEqualTo(5);
        assertThat(queue.dropped()).isEqualTo(2);

        queue.offer(packet(LiveStreams.VIDEO, 280, false)); // full: the 5 queued and this one go
        queue.offer(packet(LiveStreams.AUDIO, 290, false)); // still waiting for a keyframe
        queue.offer(packet(LiveStreams.VIDEO, 320, true));  // decodable again
        queue.offer(packet(LiveStreams.AUDIO, 330, false));

        assertThat(queue.dropped()).isEqualTo(2 + 5 + 2);
        List<Long> sent = new ArrayList<>();
        AVPacket p;
        while ((p = queue.poll(0)) != null) {
            sent.add(p.dts());
            avcodec.av_packet_free(p);
        }
        assertThat(sent).containsExactly(320L, 330L);
    }

    @Test
    void aReconnectRestartsAtTheNextKeyframeWithoutCountingDrops() throws Exception {
        PacketQueue queue = new PacketQueue(10);
        queue.offer(packet(LiveStreams.VIDEO, 0, true));
        queue.offer(packet(LiveStreams.VIDEO, 40, false));

        queue.restartAtKeyframe();
        queue.offer(packet(LiveStreams.VIDEO, 80, false));
        queue.offer(packet(LiveStreams.VIDEO, 120, true));

        AVPacket first = queue.poll(0);
        assertThat(first.dts()).isEqualTo(120);
        avcodec.av_packet_free(first);
        assertThat(queue.dropped()).isEqualTo(1);
        queue.close();
    }
}
