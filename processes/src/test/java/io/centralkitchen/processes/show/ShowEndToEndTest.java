package io.centralkitchen.processes.show;

import io.centralkitchen.processes.archive.verify.PackVerifier;
import io.centralkitchen.processes.archive.verify.Checkpoint;
import io.centralkitchen.processes.archive.PackClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.ops.MediaInfo;
import io.centralkitchen.media.ops.MediaOperations;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.aftersales.TestPlatforms;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.demo.DemoCatalogue;
import io.centralkitchen.processes.demo.LocalRtmpPlatform;
import io.centralkitchen.storage.MediaStore;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The show end to end on the embedded default: three approved products → a show planned by a producer → warm-up
 * teaser rendered by the media worker, approved by a marketer, posted at its times (WireMock platforms) → live from the
 * test pattern to two RTMP platforms for about a minute with three product slots and their commerce cues → ended,
 * recording sealed → three clips cut from the recording (each starting within one group of pictures of its slot),
 * rendered and given covers → approved → published with their products → an order and a complaint arriving later
 * reach the show report and after-sales.
 */
@KitchenTest
class ShowEndToEndTest {

    static final String STATION = "station-1";
    static final String PASSWORD = "show-e2e-pass";
    static final long PRE_ROLL_MILLIS = 1000;
    static final long GOP_MILLIS = 1000; // the test pattern: a keyframe every second

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    LiveEngine live;
    @Autowired
    MediaStore store;
    @Autowired
    MediaOperations media;
    @Autowired
    DemoCatalogue catalogue;

    final WireMockServer platforms = ShowTestSettings.platforms();
    final String run = UUID.randomUUID().toString().substring(0, 6);
    final String showId = "e2e-show-" + run;
    // what the scenario's steps hand on to the next
    TestHttp producer;
    TestHttp marketer;
    List<Long> products;
    Instant airTime;
    long[] onAir;

    @Test
    void aShowGoesFromRundownToClipsOnEveryPlatformAndBackIntoTheReport() throws Exception {
        givenAStationsProducerMarketerCatalogueAndPlatforms();
        whenTheShowIsPlannedWithAFlashSaleAndTwoPlatforms();
        thenTheWarmUpPostsTheReviewedTeaserAndCountsReservations();
        whenAirTimeComesTheShowIsSimulcast();
        whenThreeProductsGoOnAirAndAHighlightIsMarked();
        thenItsClipsAreCutReviewedAndPublished();
        whenAnOrderAndAComplaintComeBack();
        thenTheReportIsKept();
        thenOneEvidencePackProvesItAll();
    }

    void givenAStationsProducerMarketerCatalogueAndPlatforms() throws Exception {
        user("e2e-producer", KitchenGroups.PRODUCERS);
        user("e2e-marketer", KitchenGroups.MARKETERS);
        producer = new TestHttp(port).as("e2e-producer", PASSWORD);
        marketer = new TestHttp(port).as("e2e-marketer", PASSWORD);
        platforms.stubFor(post(urlPathMatching("/douyin/api/v1/.*")).willReturn(okJson("{\"err_no\":0,\"data\":{\"id\":\"dy-" + run + "\"}}")));
        platforms.stubFor(post(urlPathMatching("/bilibili/arcopen/fn/.*")).willReturn(okJson("{\"code\":0,\"data\":{\"id\":\"bl-" + run + "\"}}")));
        products = catalogue.seed(STATION, "Hengshan Co-op " + run, "Hengshan", DemoCatalogue.HARVEST,
                Path.of(System.getProperty("java.io.tmpdir"), "e2e-catalogue"));
    }

    void whenTheShowIsPlannedWithAFlashSaleAndTwoPlatforms() throws Exception {
        // the plan: three slots, a flash sale in the second; two RTMP platforms sharing the ingest's own profile
        airTime = Instant.now().plus(Duration.ofDays(2));
        TestHttp.Response planned = producer.postJson("/api/shows", Map.of("id", showId, "stationId", STATION,
                "title", "Harvest festival " + run, "airTime", airTime.toString(), "hosts", List.of("Li Na", "Wang Lei"),
                "ingest", Map.of("mode", "TEST_PATTERN"),
                "destinations", List.of(
                        Map.of("id", "douyin-main", "preset", "test-sd", "secretId", "showdouyin", "platform", "show-douyin", "liveRoomId", "room-dy"),
                        Map.of("id", "bilibili-main", "preset", "test-sd", "secretId", "showbilibili", "platform", "show-bilibili", "liveRoomId", "room-bl")),
                "slots", List.of(Map.of("productId", products.get(0), "plannedSeconds", 600),
                        Map.of("productId", products.get(1), "plannedSeconds", 600, "price", 55.00,
                                "flashSale", Map.of("price", 49.90, "stock", 100)),
                        Map.of("productId", products.get(2)))));
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        assertThat(planned.json().path("slots")).hasSize(3);
    }

    void thenTheWarmUpPostsTheReviewedTeaserAndCountsReservations() throws Exception {
        // warm-up: the teaser is rendered by the in-process media worker, then reviewed by a marketer
        Task review = awaitTask("review-teaser", Duration.ofSeconds(120));
        assertThat(review.getName()).isEqualTo("Review the teaser of Harvest festival " + run);
        String teaserKey = STATION + "/shows/" + showId + "/teaser.mp4";
        assertThat(store.exists(teaserKey)).isTrue();
        assertThat(preview(taskService.getVariableLocal(review.getId(), "teaserSummary"))).as("the teaser's preview link").isEqualTo(200);
        complete(marketer, review, Map.of("teaserDecision", "approve"));
        ProcessInstance warmUp = instance("warm-up");
        for (int post = 1; post <= 2; post++) { // T-1d and T-1h: T-3d had passed when the show was planned
            fireTimer(warmUp, "post-due");
            int posts = post;
            await().atMost(Duration.ofSeconds(30)).until(() -> requests("/douyin/api/v1/posts").size() == posts
                    && requests("/bilibili/arcopen/fn/dynamic/publish").size() == posts);
        }
        platforms.verify(postRequestedFor(urlPathEqualTo("/douyin/api/v1/posts"))
                .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock.containing("Harvest festival " + run)))
                .withRequestBody(matchingJsonPath("$.media_url", com.github.tomakehurst.wiremock.client.WireMock.containing("teaser.mp4"))));
        assertThat(webhook(Map.of("eventId", "res-" + run, "type", "reservation.updated", "occurredAt", Instant.now().toString(),
                "reservation", Map.of("showRef", showId, "count", 1520)))).isEqualTo(202);
        assertThat(producer.get("/api/shows/" + showId).json().path("destinations").findValues("reservations").toString()).contains("1520");
    }

    void whenAirTimeComesTheShowIsSimulcast() throws Exception {
        // air time: pre-flight, simulcast to both platforms from the synthetic studio signal
        fireTimer(instance("show"), "air-time");
        await().atMost(Duration.ofSeconds(60)).until(() -> live.show(showId).map(s -> "LIVE".equals(s.stats().state())).orElse(false)
                && received(ShowTestSettings.douyinIngest()) && received(ShowTestSettings.bilibiliIngest()));
        assertThat(live.show(showId).orElseThrow().encoders()).as("the platforms get the feed as it is: no encoder").isZero();
    }

    void whenThreeProductsGoOnAirAndAHighlightIsMarked() throws Exception {
        // about a minute on air, three product slots
        onAir = new long[3];
        for (int slot = 1; slot <= 3; slot++) {
            awaitProgram(slot == 1 ? 4_000 : onAir[slot - 2] + 18_000);
            TestHttp.Response started = producer.postJson("/api/shows/" + showId + "/slots/" + slot + "/on-air", Map.of());
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            onAir[slot - 1] = started.json().path("programMillis").asLong();
            if (slot == 2) { // the producer marks a moment of the second product: it becomes a clip of its own
                awaitProgram(onAir[1] + 9_000);
                assertThat(producer.postJson("/api/shows/" + showId + "/live/markers", Map.of("kind", "HIGHLIGHT",
                        "label", "the tasting")).status()).isEqualTo(201);
            }
        }
        TestHttp.Response again = producer.postJson("/api/shows/" + showId + "/slots/2/on-air", Map.of());
        assertThat(again.json().path("alreadyOnAir").asBoolean()).as("a repeated start changes nothing").isTrue();
        awaitProgram(onAir[2] + 18_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests("/douyin/api/v1/live/cues").size() == 5
                && requests("/bilibili/arcopen/fn/live/goods/cue").size() == 5);
        java.sql.Timestamp ended = java.sql.Timestamp.from(java.time.Instant.now());
        assertThat(producer.postJson("/api/shows/" + showId + "/end", Map.of()).status()).isEqualTo(202);
        assertThat(actions(requests("/douyin/api/v1/live/cues"))).containsExactly("pin_product:" + products.get(0),
                "pin_product:" + products.get(1), "start_flash_sale:" + products.get(1), "stop_flash_sale:" + products.get(1),
                "pin_product:" + products.get(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> live.show(showId).isEmpty()); // off air, recording sealed
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from live_session where"
                + " show_id = ? and recording_id is not null and manifest_key is not null and ended_at is not null", Integer.class, showId) == 1);
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_TASKINST t join ACT_HI_PROCINST p on p.ID_ = t.PROC_INST_ID_"
                + " where p.BUSINESS_KEY_ = ? and t.TASK_DEF_KEY_ in ('ingest-lost-task', 'destination-alarm-task') and t.START_TIME_ >= ?",
                Integer.class, showId, ended)).as("ending the show raises no alarm").isZero();
    }

    void thenItsClipsAreCutReviewedAndPublished() throws Exception {
        // clips: cut from the sealed recording, rendered, given covers, reviewed by marketers
        await().atMost(Duration.ofSeconds(180)).until(() -> taskService.createTaskQuery().processInstanceBusinessKey(showId)
                .taskDefinitionKey("review-clip").count() == 4);
        JsonNode all = producer.get("/api/shows/" + showId + "/clips").json();
        assertThat(all).hasSize(4);
        List<JsonNode> highlights = java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .filter(c -> c.path("kind").asText().equals("HIGHLIGHT")).toList();
        assertThat(highlights).as("the marked highlight, with the second product").hasSize(1);
        JsonNode highlight = highlights.get(0);
        assertThat(highlight.path("position").asInt()).isEqualTo(2);
        assertThat(highlight.path("label").asText()).isEqualTo("the tasting");
        assertThat(highlight.path("durationMillis").asLong()).isBetween(25_000L, 40_000L);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(showId).taskDefinitionKey("review-clip").list())
                .extracting(Task::getName).anyMatch(n -> n.contains("highlight: the tasting"));
        JsonNode clips = TestHttp.JSON.valueToTree(java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .filter(c -> c.path("kind").asText().equals("PRODUCT")).toList());
        assertThat(clips).hasSize(3);
        for (JsonNode clip : clips) {
            long slotStart = clip.path("slotOnAirMillis").asLong() - PRE_ROLL_MILLIS;
            assertThat(clip.path("clipStartMillis").asLong()).as("clip of slot %s starts within one GOP of it", clip.path("position"))
                    .isBetween(slotStart - GOP_MILLIS, slotStart);
            for (String key : List.of("copyKey", "verticalKey", "landscapeKey", "coverKey")) {
                assertThat(store.exists(clip.path(key).asText())).as(key).isTrue();
            }
            assertThat(clip.path("durationMillis").asLong()).isBetween(18_000L, 25_000L);
        }
        MediaInfo vertical = probe(clips.get(0).path("verticalKey").asText());
        assertThat(vertical.video().width()).isEqualTo(180);
        assertThat(vertical.video().height()).isEqualTo(320);
        assertThat(priceYellowInLowerThird(clips.get(0).path("verticalKey").asText()))
                .as("the clip sells: its price in the caption band (issue 17)").isGreaterThan(20);
        for (Task clipReview : taskService.createTaskQuery().processInstanceBusinessKey(showId).taskDefinitionKey("review-clip").list()) {
            complete(marketer, clipReview, Map.of("clipDecision", "approve"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> requests("/douyin/api/v1/clips").size() == 4
                && requests("/bilibili/arcopen/fn/archive/clip").size() == 4);
        platforms.verify(postRequestedFor(urlPathEqualTo("/douyin/api/v1/clips"))
                .withRequestBody(matchingJsonPath("$.product.sku", com.github.tomakehurst.wiremock.client.WireMock.equalTo(products.get(1).toString())))
                .withRequestBody(matchingJsonPath("$.product.price", com.github.tomakehurst.wiremock.client.WireMock.equalTo("55.00")))
                .withRequestBody(matchingJsonPath("$.title", com.github.tomakehurst.wiremock.client.WireMock.equalTo(DemoCatalogue.HARVEST.get(1).name()))));
        await().atMost(Duration.ofSeconds(30)).until(() -> instance("highlight-clipping") == null);
    }

    void whenAnOrderAndAComplaintComeBack() throws Exception {
        // later: an order of the first product and a complaint about it
        assertThat(webhook(Map.of("eventId", "ord-" + run, "type", "order.paid", "occurredAt", Instant.now().toString(),
                "order", Map.of("orderId", "o-" + run, "amount", "39.90", "productId", products.get(0), "showRef", showId)))).isEqualTo(202);
        assertThat(webhook(Map.of("eventId", "cmp-" + run, "type", "complaint.opened", "occurredAt", Instant.now().toString(),
                "complaint", Map.of("complaintId", "c-" + run, "orderId", "o-" + run, "productId", products.get(0),
                        "reasonCode", "damaged", "description", "The tin was dented")))).isEqualTo(202);
        JsonNode report = producer.get("/api/shows/" + showId + "/report").json();
        JsonNode first = report.path("products").get(0);
        assertThat(first.path("orders").asInt()).isEqualTo(1);
        assertThat(first.path("revenue").decimalValue()).isEqualByComparingTo("39.90");
        assertThat(first.path("clipPublications").asInt()).isEqualTo(2);
        assertThat(first.path("airedMillis").asLong()).isBetween(17_000L, 25_000L);
        assertThat(report.path("totals").path("clipPublications").asInt()).as("four clips (three products, a highlight) on two platforms").isEqualTo(8);
        assertThat(producer.get("/api/shows/reports/counties?stationId=" + STATION + "&from=" + airTime.minus(Duration.ofDays(1))
                + "&to=" + airTime.plus(Duration.ofDays(1))).body()).contains("Hengshan");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from after_sales_case where case_ref = ?",
                Integer.class, "show-douyin:complaint:c-" + run) == 1);
    }

    void thenTheReportIsKept() throws Exception {
        // the after-sales window ends: the report is compiled and kept
        fireTimer(instance("show"), "after-sales-window");
        await().atMost(Duration.ofSeconds(30)).until(() -> "REPORTED".equals(jdbc.queryForObject(
                "select state from kitchen_show where id = ?", String.class, showId)));
        assertThat(jdbc.queryForObject("select count(*) from show_report_line where show_id = ?", Integer.class, showId)).isEqualTo(3);
    }

    void thenOneEvidencePackProvesItAll() throws Exception {
        // the regulator's question: one pack of the show holds what was planned, shown, sent, sold and settled, and verifies
        user("e2e-compliance", KitchenGroups.COMPLIANCE);
        assertThat(producer.get("/api/shows/" + showId + "/report").json().path("evidencePack").asText())
                .isEqualTo("/api/stations/" + STATION + "/archive/shows/" + showId + "/pack");
        java.nio.file.Path pack = new PackClient(port, PASSWORD).download("e2e-compliance", STATION, showId);
        assertThat(PackVerifier.verify(pack, Checkpoint.publicKey(producer.get("/api/archive/public-key").body())).message())
                .startsWith("OK");
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        PackClient.manifest(pack).path("entries").forEach(e -> kinds.add(e.path("kind").asText()));
        assertThat(kinds).contains("RUNDOWN", "LINK", "WARM_UP_POST", "RECORDING_SEGMENT", "RECORDING_MANIFEST", "COMMERCE_CUE",
                "SLOT_ON_AIR", "CLIP", "CLIP_RENDITION", "CLIP_COVER", "CLIP_REVIEW", "CLIP_PUBLICATION", "ORDER_EVENT", "CASE_OPENED");
    }

    // ---------------------------------------------------------------- helpers

    void user(String id, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(id, group);
            identityService.createTenantUserMembership(STATION, id);
        }
    }

    Task awaitTask(String definitionKey, Duration within) {
        await().atMost(within).until(() -> taskService.createTaskQuery().processInstanceBusinessKey(showId)
                .taskDefinitionKey(definitionKey).count() == 1);
        return taskService.createTaskQuery().processInstanceBusinessKey(showId).taskDefinitionKey(definitionKey).singleResult();
    }

    /** Completes a task through the engine's REST API as a person would from Tasklist. */
    static void complete(TestHttp who, Task task, Map<String, Object> variables) {
        Map<String, Object> typed = new java.util.LinkedHashMap<>();
        variables.forEach((k, v) -> typed.put(k, Map.of("value", v)));
        TestHttp.Response done = who.postJson("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", typed));
        assertThat(done.status()).as(done.body()).isIn(200, 204);
    }

    ProcessInstance instance(String processKey) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(showId).processDefinitionKey(processKey).singleResult();
    }

    /** Fires the timer waiting at {@code activityId} now, as the engine would when it is due. */
    void fireTimer(ProcessInstance instance, String activityId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> timer(instance, activityId) != null);
        managementService.executeJob(timer(instance, activityId).getId());
    }

    Job timer(ProcessInstance instance, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers().singleResult();
    }

    void awaitProgram(long millis) {
        await().atMost(Duration.ofMillis(millis + 30_000)).until(() -> live.show(showId).orElseThrow().programMillis() >= millis);
    }

    static boolean received(LocalRtmpPlatform platform) {
        return platform.keyframes() > 0 && platform.audioPackets() > 0;
    }

    List<LoggedRequest> requests(String path) {
        return platforms.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .filter(r -> r.getBodyAsString().contains(showId)).toList();
    }

    static List<String> actions(List<LoggedRequest> cues) {
        return cues.stream().map(r -> {
            JsonNode body = json(r.getBodyAsString());
            return body.path("action").asText() + ":" + body.path("sku").asText();
        }).toList();
    }

    /** Pixels of the caption's price colour in the lower third of the rendition's picture at 2 s. */
    int priceYellowInLowerThird(String key) throws Exception {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "e2e-" + run + "-frame-" + key.replace('/', '_'));
        store.download(key, file);
        try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(file.toFile());
             org.bytedeco.javacv.Java2DFrameConverter converter = new org.bytedeco.javacv.Java2DFrameConverter()) {
            grabber.start();
            grabber.setTimestamp(2_000_000, true);
            java.awt.image.BufferedImage image = converter.convert(grabber.grabImage());
            int count = 0;
            for (int y = image.getHeight() * 2 / 3; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    java.awt.Color c = new java.awt.Color(image.getRGB(x, y));
                    if (c.getRed() > 200 && c.getGreen() > 170 && c.getBlue() < 90) {
                        count++;
                    }
                }
            }
            grabber.stop();
            return count;
        }
    }

    MediaInfo probe(String key) {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "e2e-" + run + "-" + key.replace('/', '_'));
        store.download(key, file);
        return media.probe(file);
    }

    int webhook(Map<String, Object> event) {
        HttpResponse<String> answer = TestPlatforms.postWebhook(port, "show-douyin", STATION, TestHttp.JSON.valueToTree(event).toString(),
                ShowTestSettings.DOUYIN_SECRET);
        return answer.statusCode();
    }

    static JsonNode json(String text) {
        try {
            return TestHttp.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The preview link in a task's Markdown, fetched as the reviewer's browser would. */
    static int preview(Object markdown) throws Exception {
        String text = String.valueOf(markdown);
        String url = text.substring(text.indexOf("](") + 2, text.indexOf(')', text.indexOf("](")));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
