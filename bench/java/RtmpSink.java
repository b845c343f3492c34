import io.centralkitchen.media.live.RtmpIngestServer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platforms of the benchmark: RTMP servers that accept any publisher and count what arrives. Like nginx-rtmp,
 * SRS and the platforms' ingest edges (and unlike FFmpeg's own listener) they announce a 4096-byte chunk size, which
 * FFmpeg's RTMP client then uses instead of 128-byte chunks. Args: port...
 */
public class RtmpSink {
    public static void main(String[] args) throws Exception {
        AtomicLong bytes = new AtomicLong();
        for (String port : args) {
            new RtmpIngestServer("127.0.0.1", Integer.parseInt(port), "live", (app, key, remote, refusal) ->
                    new RtmpIngestServer.Publication() {
                        public void write(byte[] flv, int offset, int length) {
                            bytes.addAndGet(length);
                        }

                        public void end() {
                        }

                        public String describe() {
                            return "sink " + port;
                        }
                    }, Duration.ofSeconds(30), 16);
        }
        new CountDownLatch(1).await();
    }
}
