package io.centralkitchen.processes.show.live.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.demo.LocalRtmpPlatform;
import io.centralkitchen.storage.EmbeddedS3Server;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live cluster with every node a process of its own, as in production: two nodes run the repackaged jar
 * ({@code java -jar target/central-kitchen.jar}, built by {@code package}; this test runs in the {@code integration-test}
 * phase, surefire execution {@code cluster-tests}) on one PostgreSQL server and one S3 endpoint started here, each node
 * an engine node and a live worker; real RTMP receivers here play the platforms. A show planned on node 1 goes live
 * there, node 2 serves its public HLS from the store, changes its destinations and marks a product, node 1 is killed
 * with SIGKILL, node 2 takes the show and the platforms get media again, the recording index continues under the new
 * token with the gap recorded, and node 2 ends the show (the recording sealed; the clips are not cut here). Prints {@code cluster_failover_owner_s} and {@code cluster_failover_media_back_s}.
 * Logs: {@code target/cluster-it/node-*}/node.log.
 */
@Tag("cluster")
class LiveClusterIT {

    static final Path JAR = Path.of("target/central-kitchen.jar");
    static final Path WORK = Path.of("target/cluster-it");
    static final String ADMIN_PASSWORD = "cluster-admin-pass";

    static EmbeddedPostgres postgres;
    static EmbeddedS3Server s3;
    static LocalRtmpPlatform platformA;
    static LocalRtmpPlatform platformB;
    static JdbcTemplate jdbc;
    static Map<String, String> shared;
    static NodeProcess node1;
    static NodeProcess node2;

    @BeforeAll
    static void startTheCluster() throws Exception {
        assertThat(JAR).as("the repackaged jar (./mvnw package builds it; this test runs after package)").exists();
        FileSystemUtils.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        s3 = EmbeddedS3Server.start(WORK.resolve("s3"), 0);
        platformA = new LocalRtmpPlatform("cluster-a", "cluster-a-key-" + System.nanoTime(), null);
        platformB = new LocalRtmpPlatform("cluster-b", "cluster-b-key-" + System.nanoTime(), null);
        shared = new HashMap<>();
        shared.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        shared.put("spring.datasource.username", "postgres");
        shared.put("spring.datasource.password", "postgres");
        shared.put("kitchen.storage.endpoint", s3.endpoint());
        shared.put("kitchen.storage.access-key", s3.accessKey());
        shared.put("kitchen.storage.secret-key", s3.secretKey());
        shared.put("kitchen.secrets.master-key", Base64.getEncoder().encodeToString(new byte[32]));
        shared.put("kitchen.archive.signing-key", Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded()));
        shared.put("kitchen.admin.password", ADMIN_PASSWORD);
        shared.put("kitchen.live.worker.lease", "PT4S");
        shared.put("kitchen.live.worker.heartbeat", "PT1S");
        shared.put("kitchen.live.segment-length", "2s");
        shared.put("kitchen.live.capacity.units", "16");
        // the test pattern's own profile: destinations of this preset get it copied (little CPU on a small machine)
        String preset = "kitchen.live.presets.cluster-sd.";
        shared.put(preset + "platform", "Cluster test platform");
        shared.put(preset + "width", "640");
        shared.put(preset + "height", "360");
        shared.put(preset + "video-bitrate-kbps", "1000");
        shared.put(preset + "keyframe-seconds", "1");
        shared.put(preset + "audio-sample-rate", "48000");
        String web = "kitchen.live.presets.cluster-web.";
        shared.put(web + "platform", "Cluster test website");
        shared.put(web + "protocol", "HLS");
        shared.put(web + "width", "640");
        shared.put(web + "height", "360");
        shared.put(web + "video-bitrate-kbps", "1000");
        shared.put(web + "keyframe-seconds", "1");
        shared.put(web + "audio-sample-rate", "48000");
        // one after the other: the first start creates the engine's and the domain's schema
        node1 = node(1).awaitHealthy(Duration.ofSeconds(150));
    }

    static NodeProcess node(int n) throws java.io.IOException {
        Map<String, String> p = new HashMap<>(shared);
        p.put("kitchen.live.worker.id", "node-" + n);
        p.put("kitchen.live.ingest.port", String.valueOf(LocalRtmpPlatform.freePort()));
        return NodeProcess.start("node-" + n, JAR, WORK.resolve("node-" + n), LocalRtmpPlatform.freePort(), p);
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{node1, node2, platformA, platformB, s3, postgres}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aShowStartedOnOneNodeIsControlledFromTheOtherAndSurvivesItsOwnersKill() throws Exception {
        TestHttp admin1 = node1.http().as("admin", ADMIN_PASSWORD);
        node2 = node(2);
        String show = "cluster-" + System.currentTimeMillis() % 1_000_000;
        long product = approvedProduct();
        secret(admin1, "clustera", platformA.url());
        secret(admin1, "clusterb", platformB.url());
        TestHttp.Response planned = admin1.postJson("/api/shows", Map.of("id", show, "stationId", "station-1",
                "title", "Cluster show", "airTime", Instant.now().plus(Duration.ofDays(1)).toString(),
                "ingest", Map.of("mode", "TEST_PATTERN"),
                "destinations", List.of(Map.of("id", "a", "preset", "cluster-sd", "secretId", "clustera"),
                        Map.of("id", "web", "preset", "cluster-web")),
                "slots", List.of(Map.of("productId", product))));
        assertThat(planned.status()).as(planned.body()).isIn(200, 201);
        TestHttp.Response started = admin1.postJson("/api/shows/" + show + "/live/start", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        await("platform A gets the show").atMost(Duration.ofSeconds(60)).until(() -> platformA.videoPackets() > 50);
        assertThat(owner(show)).as("the starting node runs the show").isEqualTo("node-1");
        long firstToken = token(show);

        // node 2: its own process, same database and store; the show is controlled from there
        TestHttp admin2 = node2.awaitHealthy(Duration.ofSeconds(150)).http().as("admin", ADMIN_PASSWORD);
        JsonNode stats = admin2.get("/api/shows/" + show + "/live/stats").json();
        assertThat(destination(stats, "a").path("state").asText()).as("node 2 reads the owner's status").isEqualTo("LIVE");
        TestHttp.Response added = admin2.postJson("/api/shows/" + show + "/live/destinations",
                Map.of("id", "b", "preset", "cluster-sd", "secretId", "clusterb"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().path("state").asText()).isIn("APPLIED", "PENDING");
        long command = added.json().path("commandId").asLong();
        await("node 1 applies node 2's command").atMost(Duration.ofSeconds(10)).until(() -> "APPLIED".equals(
                jdbc.queryForObject("select state from live_command where id = ?", String.class, command)));
        await("platform B gets the show").atMost(Duration.ofSeconds(30)).until(() -> platformB.videoPackets() > 25);
        TestHttp.Response marker = admin2.postJson("/api/shows/" + show + "/live/markers",
                Map.of("kind", "PRODUCT_ON_AIR", "productId", product));
        assertThat(marker.status()).as(marker.body()).isEqualTo(201);
        assertThat(marker.json().path("streamMillis").asLong()).as("program time from the owner's status").isPositive();
        await("segments recorded by node 1").atMost(Duration.ofSeconds(30)).until(() -> segments(show, firstToken) >= 2);
        assertPublicHls(node2, show);

        // kill -9 the owner
        int sessionsA = platformA.sessions();
        int sessionsB = platformB.sessions();
        long killedAt = System.nanoTime();
        node1.kill();
        assertThat(node1.isAlive()).isFalse();
        await("node 2 owns the show").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> "node-2".equals(owner(show)));
        double ownerSeconds = (System.nanoTime() - killedAt) / 1e9;
        long secondToken = token(show);
        assertThat(secondToken).as("a higher fencing token").isGreaterThan(firstToken);
        long[] back = new long[2];
        await("every platform gets media again").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> mediaAgain(platformA, sessionsA, back, 0) & mediaAgain(platformB, sessionsB, back, 1));
        double mediaSeconds = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("cluster_failover_owner_s=%.1f%ncluster_failover_media_back_s=%.1f%n", ownerSeconds, mediaSeconds);
        assertThat(mediaSeconds).isLessThan(20);

        // the recording goes on under the same index: before and after, the gap, and fencing
        await("segments recorded by node 2").atMost(Duration.ofSeconds(20)).until(() -> segments(show, secondToken) >= 1);
        assertThat(jdbc.queryForObject("select count(*) from live_recording_gap where show_id = ? and owner = 'node-2' and token = ?",
                Integer.class, show, secondToken)).as("the gap recorded").isEqualTo(1);
        List<Map<String, Object>> rows = jdbc.queryForList("select recording_id, sequence, lease_token from live_recording_segment"
                + " where show_id = ? order by sequence", show);
        assertThat(rows).extracting(r -> r.get("recording_id")).as("one recording continued").containsOnly(rows.get(0).get("recording_id"));
        assertThat(rows).extracting(r -> ((Number) r.get("lease_token")).longValue()).as("every row written by a lease holder")
                .containsOnly(firstToken, secondToken).isSorted();
        assertThat(rows).extracting(r -> r.get("sequence")).doesNotHaveDuplicates();

        assertPublicHls(node2, show);

        // ended from the surviving node: the recording sealed over both owners' segments
        TestHttp.Response stopped = admin2.postJson("/api/shows/" + show + "/live/stop", Map.of());
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().path("recorded").asBoolean()).isTrue();
        assertThat(stopped.json().path("manifestKey").asText()).startsWith("station-1/shows/" + show + "/recording/");
        assertThat(jdbc.queryForObject("select count(*) from live_session where show_id = ? and manifest_key is not null",
                Integer.class, show)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select ended from live_lease where show_id = ?", Boolean.class, show)).isTrue();
        assertThat(admin2.get("/api/shows/" + show + "/live/stats").status()).isEqualTo(404);
    }

    /** The station's site: a node's public playlist and one of its segments, whichever node runs the show. */
    private static void assertPublicHls(NodeProcess node, String show) {
        TestHttp viewer = node.http();
        await(node.name + " serves the show's HLS").atMost(Duration.ofSeconds(20)).until(() -> {
            TestHttp.Response playlist = viewer.get("/live/" + show + "/index.m3u8");
            return playlist.status() == 200 && playlist.body().contains(".ts");
        });
        String segment = viewer.get("/live/" + show + "/index.m3u8").body().lines().filter(l -> l.endsWith(".ts"))
                .reduce((first, last) -> last).orElseThrow();
        assertThat(viewer.get("/live/" + show + "/" + segment.substring(segment.lastIndexOf('/') + 1)).status()).isEqualTo(200);
    }

    /** A receiver's new session after the kill, then 25 more pictures in it. */
    private static boolean mediaAgain(LocalRtmpPlatform platform, int sessionsAtKill, long[] mark, int i) {
        if (platform.sessions() <= sessionsAtKill) {
            return false;
        }
        if (mark[i] == 0) {
            mark[i] = platform.videoPackets();
        }
        return platform.videoPackets() > mark[i] + 25;
    }

    private static long approvedProduct() {
        long supplier = jdbc.queryForObject("insert into supplier (station_id, name, credit_code, county, public_welfare, created_at)"
                + " values ('station-1', 'Cluster co-op', '91430400MA4L000001', 'Youxian', false, current_timestamp) returning id",
                Long.class);
        return jdbc.queryForObject("insert into product (station_id, supplier_id, name, category, price, unit, stock_offered,"
                + " status, created_at, updated_at) values ('station-1', ?, 'Cluster honey', 'FOOD', 68.00, 'jar', 10, 'APPROVED',"
                + " current_timestamp, current_timestamp) returning id", Long.class, supplier);
    }

    private static void secret(TestHttp admin, String id, String url) {
        TestHttp.Response r = admin.putJson("/api/stations/station-1/secrets/" + id, Map.of("kind", "PUSH_URL", "value", url));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    private static String owner(String show) {
        return jdbc.queryForObject("select owner from live_lease where show_id = ?", String.class, show);
    }

    private static long token(String show) {
        return jdbc.queryForObject("select token from live_lease where show_id = ?", Long.class, show);
    }

    private static int segments(String show, long token) {
        return jdbc.queryForObject("select count(*) from live_recording_segment where show_id = ? and lease_token = ?",
                Integer.class, show, token);
    }

    private static JsonNode destination(JsonNode stats, String id) {
        for (JsonNode d : stats.path("destinations")) {
            if (d.path("id").asText().equals(id)) {
                return d;
            }
        }
        throw new AssertionError("no destination " + id + " in " + stats);
    }
}
