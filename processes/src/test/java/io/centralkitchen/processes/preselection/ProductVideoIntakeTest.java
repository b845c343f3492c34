package io.centralkitchen.processes.preselection;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.catalogue.ProductVideos;
import io.centralkitchen.processes.preselection.PreselectionClient.Part;
import io.centralkitchen.storage.MediaStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.centralkitchen.processes.preselection.PreselectionClient.array;
import static io.centralkitchen.processes.preselection.PreselectionClient.evidenceJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Suppliers' product videos, sent with a submission: stored as sent, checked by the media worker, given an editing
 * rendition and a poster — or refused with a reason the supplier can act on, the rest of the submission standing.
 * Every video is made by the test.
 */
@KitchenTest
class ProductVideoIntakeTest {

    static Path media;

    @LocalServerPort
    int port;
    @Autowired
    ProductVideos videos;
    @Autowired
    MediaStore store;
    @Autowired
    io.centralkitchen.processes.show.ShowProducts showProducts;

    @BeforeAll
    static void makeVideos() throws IOException {
        media = Files.createDirectories(Path.of("target/test-data/product-videos"));
        SyntheticSignal.writeFile(media.resolve("field.mp4"), "mp4", Duration.ofSeconds(4), 320, 180, 25, 25, "field");
        SyntheticSignal.writeFile(media.resolve("hands.mp4"), "mp4", Duration.ofSeconds(3), 180, 320, 25, 25, "hands");
        SyntheticSignal.writeFile(media.resolve("long.mp4"), "mp4", Duration.ofSeconds(30), 64, 36, 5, 10, "long");
        SyntheticSignal.writeFile(media.resolve("8k.mp4"), "mp4", Duration.ofMillis(200), 7680, 4320, 5, 5, "8k");
    }

    @Test
    void twoVideosAndAPictureBecomeReadyWithTheirFacts() {
        JsonNode submission = submit(video("field.mp4"), video("hands.mp4"),
                Part.file("media", "box.png", "image/png", PreselectionClient.png()));

        JsonNode ready = awaitSettled(submission.path("submissionId").asLong(), 2);
        assertThat(ready.path("status").asText()).isNotEqualTo("REJECTED");
        JsonNode field = named(ready, "field.mp4");
        assertThat(field.path("state").asText()).as(field.toString()).isEqualTo("READY");
        assertThat(field.path("durationSeconds").asDouble()).isBetween(3.9, 4.2);
        assertThat(field.path("width").asInt()).isEqualTo(320);
        assertThat(field.path("videoCodec").asText()).isEqualTo("h264");
        assertThat(field.path("hasAudio").asBoolean()).isTrue();
        assertThat(named(ready, "hands.mp4").path("height").asInt()).isEqualTo(320);
        List<ProductVideos.Video> rows = videos.ofProduct("station-1", ready.path("productId").asLong());
        assertThat(rows).hasSize(2).allSatisfy(v -> {
            assertThat(store.exists(v.objectKey())).as("the original is kept").isTrue();
            assertThat(store.stat(v.mezzanineKey()).contentType()).isEqualTo("video/mp4");
            assertThat(store.stat(v.posterKey()).contentType()).isEqualTo("image/jpeg");
            assertThat(v.editingKey()).isEqualTo(v.mezzanineKey());
        });
        // what a show's teaser is cut from: both of the supplier's videos, as their editing renditions
        assertThat(showProducts.videos("station-1", ready.path("productId").asLong()))
                .containsExactlyElementsOf(rows.stream().map(ProductVideos.Video::mezzanineKey).toList());
    }

    @Test
    void aVideoOverTheLimitsOrUnreadableIsRefusedAndTheSubmissionStands() throws IOException {
        byte[] whole = Files.readAllBytes(media.resolve("field.mp4"));
        JsonNode submission = submit(video("long.mp4"), video("8k.mp4"),
                Part.file("media", "cut-short.mp4", "video/mp4", Arrays.copyOf(whole, whole.length / 3)));

        JsonNode settled = awaitSettled(submission.path("submissionId").asLong(), 3);
        assertThat(named(settled, "long.mp4").path("refusal").asText()).contains("'long.mp4' is refused")
                .contains("over the 20 s limit");
        assertThat(named(settled, "8k.mp4").path("refusal").asText()).as("the media worker's own limit, or the platform's")
                .contains("8k.mp4").contains("7680x4320").contains("4K");
        assertThat(named(settled, "cut-short.mp4").path("state").asText()).isEqualTo("REFUSED");
        assertThat(named(settled, "cut-short.mp4").path("refusal").asText()).isNotBlank().doesNotContain("/tmp");
        assertThat(settled.path("evidence")).as("the rest of the submission stands").isNotEmpty();
        assertThat(settled.path("status").asText()).isNotEqualTo("REJECTED");
    }

    @Test
    void whatIsNoVideoIsRefusedAtTheDoorAndNothingElseIsOpened() throws IOException {
        try (ServerSocket bait = new ServerSocket(0)) {
            bait.setSoTimeout(1);
            String elsewhere = "http://127.0.0.1:" + bait.getLocalPort() + "/secret.ts";
            Map<String, byte[]> notVideos = Map.of(
                    "empty.mp4", new byte[0],
                    "picture.mp4", PreselectionClient.png(),
                    "playlist.mp4", ("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n" + elsewhere + "\n#EXT-X-ENDLIST\n")
                            .getBytes(StandardCharsets.UTF_8),
                    "list.mp4", ("ffconcat version 1.0\nfile '" + media.toAbsolutePath().resolve("field.mp4") + "'\n")
                            .getBytes(StandardCharsets.UTF_8));
            for (var file : notVideos.entrySet()) {
                TestHttp.Response refused = new PreselectionClient(port, supplier(), PreselectionFixtures.PASSWORD).submit(product(),
                        evidence(), pdf(), Part.file("media", file.getKey(), "video/mp4", file.getValue()));
                assertThat(refused.status()).as(file.getKey() + ": " + refused.body()).isEqualTo(400);
                assertThat(refused.json().path("field").asText()).isEqualTo("media[" + file.getKey() + "]");
            }
            try {
                bait.accept().close();
                throw new AssertionError("something opened the URL in the playlist");
            } catch (java.net.SocketTimeoutException nobodyCame) {
                // as it should be
            }
        }
    }

    private JsonNode submit(Part... media) {
        Part[] parts = new Part[media.length + 3];
        parts[0] = product();
        parts[1] = evidence();
        parts[2] = pdf();
        System.arraycopy(media, 0, parts, 3, media.length);
        TestHttp.Response submitted = new PreselectionClient(port, supplier(), PreselectionFixtures.PASSWORD).submit(parts);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json();
    }

    private String supplier() {
        String account = "video-supplier-" + UUID.randomUUID().toString().substring(0, 8);
        PreselectionFixtures.registerSupplier(port, account, false);
        return account;
    }

    private JsonNode awaitSettled(long submissionId, int count) {
        TestHttp admin = new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD);
        return await().atMost(Duration.ofSeconds(120)).until(() -> admin.get("/api/preselection/submissions/" + submissionId).json(),
                s -> s.path("videos").size() == count && StreamSupport.stream(s.path("videos").spliterator(), false)
                        .noneMatch(v -> v.path("state").asText().equals("CHECKING")));
    }

    private static JsonNode named(JsonNode submission, String fileName) {
        return StreamSupport.stream(submission.path("videos").spliterator(), false)
                .filter(v -> v.path("fileName").asText().equals(fileName)).findFirst().orElseThrow();
    }

    private static Part product() {
        return Part.json("product", "{\"name\":\"Mountain honey " + UUID.randomUUID().toString().substring(0, 6)
                + "\",\"category\":\"GENERAL\",\"price\":68,\"unit\":\"jar\",\"stockOffered\":40}");
    }

    private static Part evidence() {
        return Part.json("evidence", array(evidenceJson("BUSINESS_LICENCE", "91430400MA4L000009", null, "business.pdf")));
    }

    private static Part pdf() {
        return Part.file("files", "business.pdf", "application/pdf", PreselectionClient.pdf("business licence"));
    }

    private static Part video(String name) {
        try {
            return Part.file("media", name, "video/mp4", Files.readAllBytes(media.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
