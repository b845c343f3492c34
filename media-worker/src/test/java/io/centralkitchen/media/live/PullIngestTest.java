package io.centralkitchen.media.live;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pulling an existing ingest: one show (the rehearsal test pattern) publishes HLS, served over HTTP; a second show
 * pulls that HLS as its studio feed and sends it on over RTMP. When the upstream stops, the pulling show falls back
 * to the slate.
 */
class PullIngestTest {

    static final OutputProfile SMALL = new OutputProfile(320, 180, 300, 1, "aac", 48000, 96, "crop");

    @TempDir
    Path dir;
    LiveEngine engine;
    HttpServer http;
    RtmpReceiver platform;

    @Test
    void aShowPullsAnExistingHlsIngestAndFallsBackToTheSlateWhenItStops() throws Exception {
        Path hls = dir.resolve("hls");
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            Path file = hls.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(hls) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        platform = new RtmpReceiver("pull-out-key-0123456789").start();
        String upstream = "http://127.0.0.1:" + http.getAddress().getPort() + "/upstream/index.m3u8";
        LiveSettings settings = LiveSettings.defaults(hls).withX264Preset("ultrafast");
        engine = new LiveEngine(settings, Map.of(
                "web", new PlatformPreset("web", "website", Protocol.HLS, SMALL),
                "out", new PlatformPreset("out", "custom", Protocol.RTMP, SMALL)),
                new LiveSecrets(Map.of("upstream", upstream, "out", platform.url)), null, dir, "127.0.0.1", 0, "live", "localhost");
        engine.start(new ShowSpec("station-1", "upstream", "Upstream", new IngestSpec(IngestSpec.Mode.TEST_PATTERN, null, null),
                List.of(new DestinationSpec("web", "web", null)), false));
        LiveShow puller = engine.start(new ShowSpec("station-1", "puller", "Puller",
                new IngestSpec(IngestSpec.Mode.PULL, "upstream", null), List.of(new DestinationSpec("out", "out", "out")), false));

        await().atMost(Duration.ofSeconds(60)).until(() -> puller.stats().state().equals("LIVE") && platform.count() > 50
                && !RtmpReceiver.isSlate(platform.last().cornerYuv()));
        assertThat(platform.last().width()).isEqualTo(320);
        assertThat(puller.stats().ingestUrl()).isEqualTo(LiveSecrets.maskUrl(upstream));
        int sessions = platform.sessions();

        engine.stop("upstream");
        try (var files = Files.list(hls.resolve("upstream"))) { // the upstream is gone: its URL answers 404
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> puller.stats().state().equals("SLATE")
                && RtmpReceiver.isSlate(platform.last().cornerYuv()));
        assertThat(platform.sessions()).isEqualTo(sessions);
    }

    @AfterEach
    void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (http != null) {
            http.stop(0);
        }
    }
}
