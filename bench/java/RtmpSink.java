import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The platforms of the benchmark: the media layer's RTMP sink (io.centralkitchen.media.rtmp.RtmpSink) on each port,
 * accepting any publisher and counting what arrives. Like nginx-rtmp, SRS and the platforms' ingest edges (and unlike
 * FFmpeg's own listener) it announces a 4096-byte chunk size, which FFmpeg's RTMP client then uses instead of 128-byte
 * chunks. Args: port...
 */
public class RtmpSink {
    public static void main(String[] args) throws Exception {
        for (String port : args) {
            new io.centralkitchen.media.rtmp.RtmpSink("sink " + port, Integer.parseInt(port), null,
                    io.centralkitchen.media.rtmp.RtmpSink::discard, Duration.ofSeconds(30));
        }
        new CountDownLatch(1).await();
    }
}
