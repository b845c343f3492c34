package io.centralkitchen.processes.show.live.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.media.ffmpeg.SignalPlayer;
import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.demo.LocalRtmpPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default as a station runs it on one machine: one {@code java -jar} process with its in-process live
 * worker, its H2 file database and its S3Proxy store in its own data dir (no PostgreSQL, no MinIO). A show goes live at
 * its air time with PUBLISH ingest (the studio encoder here publishes to the node's ingest port with the station's
 * key) and one destination, an RTMP receiver here; the node is killed with SIGKILL mid-show and started again on the
 * same data dir and ports: the show streams again by itself, the studio publishes again, the show stays LIVE with its
 * "On air" task, an alarm task ("OFF AIR") was raised for the time off air and is closed once the program is back, and
 * the recording goes on under the same id. Prints {@code embedded_restart_media_back_s} (restart command to media at
 * the receiver). The test reads the H2 file through H2's {@code AUTO_SERVER} mode (the node's URL is the embedded
 * default's with {@code AUTO_SERVER=TRUE} instead of {@code DB_CLOSE_ON_EXIT=FALSE}, which H2 refuses together) only to
 * add a product. Log: {@code target/cluster-it/embedded/node.log}.
 */
@Tag("cluster")
class EmbeddedRestartClusterIT {

    static final Path JAR = Path.of("target/central-kitchen.jar");
    static final Path DIR = Path.of("target/cluster-it/embedded");
    static final String ADMIN_PASSWORD = "embedded-admin-pass";
    static final String INGEST_KEY = "studio-key-" + System.nanoTime();

    static LocalRtmpPlatform platform;
    static Map<String, String> properties;
    static int httpPort;
    static int ingestPort;
    static NodeProcess node;
    static SignalPlayer studio;

    @BeforeAll
    static void startTheNode() throws Exception {
        assertThat(JAR).as("the repackaged jar (./mvnw package builds it; this test runs after package)").exists();
        FileSystemUtils.deleteRecursively(DIR);
        Files.createDirectories(DIR);
        platform = new LocalRtmpPlatform("embedded-a", "embedded-a-key-" + System.nanoTime(), null);
        httpPort = LocalRtmpPlatform.freePort();
        ingestPort = LocalRtmpPlatform.freePort();
        properties = new HashMap<>();
        properties.put("spring.datasource.url", "jdbc:h2:file:" + database()
                + ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256;AUTO_SERVER=TRUE");
        properties.put("spring.datasource.username", "sa");
        properties.put("spring.datasource.password", "");
        properties.put("kitchen.secrets.master-key", Base64.getEncoder().encodeToString(new byte[32]));
        properties.put("kitchen.archive.signing-key", Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded()));
        properties.put("kitchen.admin.password", ADMIN_PASSWORD);
        properties.put("kitchen.live.worker.lease", "PT4S");
        properties.put("kitchen.live.worker.heartbeat", "PT1S");
        properties.put("kitchen.live.segment-length", "2s");
        properties.put("kitchen.live.ingest.port", String.valueOf(ingestPort));
        // the show goes live at its air time: the job executor looks for due timers every 2 s at most (default 60 s)
        properties.put("camunda.bpm.job-execution.max-wait", "2000");
        String preset = "kitchen.live.presets.embedded-sd.";
        properties.put(preset + "platform", "Embedded test platform");
        properties.put(preset + "width", "640");
        properties.put(preset + "height", "360");
        properties.put(preset + "video-bitrate-kbps", "1000");
        properties.put(preset + "keyframe-seconds", "1");
        properties.put(preset + "audio-sample-rate", "48000");
        node = start().awaitHealthy(Duration.ofSeconds(150));
    }

    static NodeProcess start() {
        return NodeProcess.start("embedded", JAR, DIR, httpPort, properties);
    }

    static Path database() {
        return DIR.resolve("data").resolve("db").resolve("kitchen").toAbsolutePath();
    }

    @AfterAll
    static void stopTheNode() throws Exception {
        if (studio != null) {
            studio.close();
        }
        for (AutoCloseable c : new AutoCloseable[]{node, platform}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aKilledEmbeddedNodeResumesItsShowOnRestart() throws Exception {
        TestHttp admin = node.http().as("admin", ADMIN_PASSWORD);
        String show = "embedded-" + System.currentTimeMillis() % 1_000_000;
        secret(admin, "embeddeda", "PUSH_URL", platform.url());
        secret(admin, "embeddedkey", "INGEST_KEY", INGEST_KEY);
        TestHttp.Response planned = admin.postJson("/api/shows", Map.of("id", show, "stationId", "station-1",
                "title", "Embedded show", "airTime", Instant.now().plusSeconds(2).toString(),
                "ingest", Map.of("mode", "PUBLISH", "keySecretId", "embeddedkey"),
                "destinations", List.of(Map.of("id", "a", "preset", "embedded-sd", "secretId", "embeddeda")),
                "slots", List.of(Map.of("productId", approvedProduct()))));
        assertThat(planned.status()).as(planned.body()).isIn(200, 201);

        // air time: the show goes live on the node's own worker; the studio publishes to its ingest port
        await("the show is live at its air time").atMost(Duration.ofSeconds(60))
                .until(() -> admin.get("/api/shows/" + show + "/live/stats").status() == 200);
        await("the studio's feed is on air").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> studioPublishes(admin, show));
        await("the platform gets the show").atMost(Duration.ofSeconds(30)).until(() -> platform.videoPackets() > 50);
        await("segments recorded").atMost(Duration.ofSeconds(30)).until(() -> recording(admin, show).size() >= 2);
        assertThat(showState(admin, show)).isEqualTo("LIVE");
        assertThat(tasks(admin, "/engine-rest/task", show, "on-air")).as("the producer's On air task").hasSize(1);
        List<JsonNode> before = recording(admin, show);
        // H2 writes its file about once a second, so a kill -9 may lose the index rows of the last second (the segment
        // object stays in the store under its own key): the segments compared below are a segment older than the kill
        await("one more segment").atMost(Duration.ofSeconds(20)).until(() -> recording(admin, show).size() > before.size());
        List<String> keysAtKill = recording(admin, show).stream().map(s -> s.path("key").asText()).toList();

        // kill -9 mid-show
        int sessions = platform.sessions();
        Instant killedAt = Instant.now();
        node.kill();
        assertThat(node.isAlive()).isFalse();

        // the same data dir and ports: the show comes back by itself
        long restartedAt = System.nanoTime();
        node = start().awaitHealthy(Duration.ofSeconds(150));
        double healthySeconds = (System.nanoTime() - restartedAt) / 1e9;
        long[] mark = {0};
        await("the platform gets media again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> mediaAgain(sessions, mark));
        double mediaSeconds = (System.nanoTime() - restartedAt) / 1e9;
        System.out.printf("embedded_restart_healthy_s=%.1f%nembedded_restart_media_back_s=%.1f%nembedded_healthy_to_media_s=%.1f%n",
                healthySeconds, mediaSeconds, mediaSeconds - healthySeconds);
        assertThat(mediaSeconds - healthySeconds).as("media within 30 s of the node answering").isLessThan(30);

        // the studio's encoder reconnects (as OBS does) and is on air again
        TestHttp admin2 = node.http().as("admin", ADMIN_PASSWORD);
        await("the studio publishes again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> studioPublishes(admin2, show));
        long packets = platform.videoPackets();
        await("the studio's feed reaches the platform").atMost(Duration.ofSeconds(20))
                .until(() -> platform.videoPackets() > packets + 50);

        // the producers' view tells the truth: still LIVE, still the On air task, an OFF AIR alarm raised and closed
        assertThat(showState(admin2, show)).isEqualTo("LIVE");
        assertThat(tasks(admin2, "/engine-rest/task", show, "on-air")).hasSize(1);
        await("an alarm task for the time off air").atMost(Duration.ofSeconds(30)).until(() ->
                tasks(admin2, "/engine-rest/history/task", show, "ingest-lost-task").stream()
                        .anyMatch(t -> Instant.parse(t.path("startTime").asText().replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
                                .isAfter(killedAt)));
        await("the alarm names the show OFF AIR").atMost(Duration.ofSeconds(10))
                .until(() -> alarmDetails(admin2, show).stream().anyMatch(d -> d.contains("OFF AIR")));
        await("the alarm closes once the program is back").atMost(Duration.ofSeconds(30))
                .until(() -> tasks(admin2, "/engine-rest/task", show, "ingest-lost-task").isEmpty());

        // the recording goes on: the same recording, every segment from before kept, new ones after them
        await("segments recorded after the restart").atMost(Duration.ofSeconds(30))
                .until(() -> recording(admin2, show).size() >= before.size() + 2);
        List<JsonNode> after = recording(admin2, show);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        int last = before.get(before.size() - 1).path("sequence").asInt();
        assertThat(after.subList(before.size(), after.size())).allSatisfy(s -> {
            assertThat(s.path("recordingId").asText()).isEqualTo(before.get(0).path("recordingId").asText());
            assertThat(s.path("sequence").asInt()).isGreaterThan(last);
            assertThat(s.path("key").asText()).as("no object overwritten").isNotIn(keysAtKill);
        });
    }

    /** The studio encoder, reconnecting when its connection is gone (as OBS does); true once the show is on its feed. */
    private static boolean studioPublishes(TestHttp admin, String show) {
        if (studio != null && !studio.playing() && studio.failure() != null) {
            studio.close();
            studio = null;
        }
        if (studio == null) {
            studio = SyntheticSignal.publish("rtmp://127.0.0.1:" + ingestPort + "/live/" + INGEST_KEY, 500_000, true, "studio");
        }
        TestHttp.Response stats = admin.get("/api/shows/" + show + "/live/stats");
        return stats.status() == 200 && "LIVE".equals(stats.json().path("state").asText());
    }

    /** A new session at the receiver after the kill, then 25 more pictures in it. */
    private static boolean mediaAgain(int sessionsAtKill, long[] mark) {
        if (platform.sessions() <= sessionsAtKill) {
            return false;
        }
        if (mark[0] == 0) {
            mark[0] = platform.videoPackets();
        }
        return platform.videoPackets() > mark[0] + 25;
    }

    private static String showState(TestHttp admin, String show) {
        TestHttp.Response r = admin.get("/api/shows/" + show);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("state").asText();
    }

    private static List<JsonNode> recording(TestHttp admin, String show) {
        TestHttp.Response r = admin.get("/api/shows/" + show + "/live/recording");
        List<JsonNode> segments = new ArrayList<>();
        if (r.status() == 200) {
            r.json().forEach(segments::add);
        }
        return segments;
    }

    private static List<JsonNode> tasks(TestHttp admin, String path, String show, String key) {
        TestHttp.Response r = admin.get(path + "?processInstanceBusinessKey=" + show + "&taskDefinitionKey=" + key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        r.json().forEach(list::add);
        return list;
    }

    /** Every value the live watch gave the alarm's {@code ingestDetail} (history keeps each task's local variable). */
    private static List<String> alarmDetails(TestHttp admin, String show) {
        List<String> details = new ArrayList<>();
        for (JsonNode task : tasks(admin, "/engine-rest/history/task", show, "ingest-lost-task")) {
            TestHttp.Response r = admin.get("/engine-rest/history/variable-instance?variableName=ingestDetail&processInstanceId="
                    + task.path("processInstanceId").asText());
            r.json().forEach(v -> details.add(v.path("value").asText()));
        }
        return details;
    }

    private static void secret(TestHttp admin, String id, String kind, String value) {
        TestHttp.Response r = admin.putJson("/api/stations/station-1/secrets/" + id, Map.of("kind", kind, "value", value));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    /** A product to sell (the catalogue's approval is another process): written through H2's AUTO_SERVER port. */
    private static long approvedProduct() {
        DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:file:" + database() + ";AUTO_SERVER=TRUE", "sa", "");
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        String name = "Embedded co-op " + System.nanoTime();
        jdbc.update("insert into supplier (station_id, name, credit_code, county, public_welfare, created_at)"
                + " values ('station-1', ?, '91430400MA4L000002', 'Youxian', false, current_timestamp)", name);
        long supplier = jdbc.queryForObject("select id from supplier where name = ?", Long.class, name);
        jdbc.update("insert into product (station_id, supplier_id, name, category, price, unit, stock_offered, status, created_at,"
                + " updated_at) values ('station-1', ?, 'Embedded honey', 'FOOD', 68.00, 'jar', 10, 'APPROVED',"
                + " current_timestamp, current_timestamp)", supplier);
        return jdbc.queryForObject("select max(id) from product where supplier_id = ?", Long.class, supplier);
    }
}
