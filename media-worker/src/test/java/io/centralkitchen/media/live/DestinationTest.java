package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A destination's failure handling on its own: deadlines on a stalled peer, backoff, the circuit breaker. */
class DestinationTest {

    static final OutputProfile SMALL = new OutputProfile(160, 90, 100, 1, "aac", 44100, 64, "pad");
    static final PlatformPreset PRESET = new PlatformPreset("p", "test", Protocol.RTMP, SMALL);

    ProfileChannel channel;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void channel() {
        FFmpegRuntime.init();
        channel = new ProfileChannel("unit", SMALL, "ultrafast", 10);
        channel.switchTo(ProfileChannel.Mode.ENCODE, null, null, 25); // opens the encoder: parameters exist
    }

    Destination destination(String url, LiveSettings settings) {
        Destination d = new Destination("unit", new DestinationSpec("d", "p", "s"), PRESET, () -> url,
                LiveSecrets.maskUrl(url), channel, settings, Map.of());
        channel.add(d);
        d.start();
        closing.add(d);
        return d;
    }

    static LiveSettings settings(Duration ioTimeout, int breakerFailures) {
        LiveSettings d = LiveSettings.defaults(Path.of("target"));
        return new LiveSettings(d.ingestTimeout(), ioTimeout, 100, 10, Duration.ofMillis(20), Duration.ofMillis(100),
                breakerFailures, Duration.ofMinutes(10), d.segmentLength(), d.hlsDirectory(), 2, 6, "ultrafast", 25,
                null, "slate");
    }

    @Test
    void afterRepeatedFailuresTheCircuitBreakerOpens() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Destination d = destination("rtmp://127.0.0.1:" + closedPort + "/live/breaker-key-12345678", settings(Duration.ofSeconds(2), 4));

        await().atMost(Duration.ofSeconds(10)).until(() -> d.stats().state().equals("CIRCUIT_OPEN"));
        DestinationStats stats = d.stats();
        assertThat(stats.lastError()).contains("Connection refused").doesNotContain("breaker-key-12345678");
        assertThat(stats.target()).endsWith("/****5678");
        assertThat(stats.reconnects()).isZero();
    }

    @Test
    void aPeerThatStallsCostsAtMostTheIoTimeout() throws Exception {
        // accepts the TCP connection and then never answers the RTMP handshake
        ServerSocket blackHole = new ServerSocket(0);
        List<Socket> held = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(blackHole.accept());
                }
            } catch (Exception ignored) {
                // closed
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        closing.add(blackHole);
        long started = System.nanoTime();
        Destination d = destination("rtmp://127.0.0.1:" + blackHole.getLocalPort() + "/live/stall-key-000000",
                settings(Duration.ofSeconds(1), 50));

        await().atMost(Duration.ofSeconds(5)).until(() -> d.stats().lastError() != null);
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the stalled connect gave up").isLessThan(4000);
        assertThat(d.stats().state()).isIn("RECONNECTING", "CONNECTING");
        long closeStarted = System.nanoTime();
        d.close();
        assertThat((System.nanoTime() - closeStarted) / 1_000_000).as("ms to stop while connecting").isLessThan(3000);
        for (Socket s : held) {
            s.close();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        channel.close();
    }
}
