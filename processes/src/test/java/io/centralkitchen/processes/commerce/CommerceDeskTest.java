package io.centralkitchen.processes.commerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.aftersales.TestPlatforms;
import io.centralkitchen.processes.commerce.promotion.LotteryDraw;
import io.centralkitchen.processes.demo.DemoCatalogue;
import io.centralkitchen.processes.show.ShowTestSettings;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The commerce desk on the whole platform: hosts with identity checks and qualifications in the show plan, promotions
 * refused by the rules (commerce-rules.yml) with the field named, a valid promotion fired on two WireMock platforms at
 * once with their answers recorded, a lottery drawn reproducibly, results by webhook, token expiry warnings, and
 * another station seeing none of it.
 */
@KitchenTest
class CommerceDeskTest {

    static final String STATION = "station-1";
    static final String OTHER = "radio-two";
    static final String PASSWORD = "commerce-pass";
    static final byte[] PDF = "%PDF-1.4\n% identity check\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoCatalogue catalogue;
    @Autowired
    TokenExpiryWarnings tokenWarnings;
    @Autowired
    io.centralkitchen.processes.station.StationVault vault;

    final String run = UUID.randomUUID().toString().substring(0, 6);
    TestHttp producer;
    List<Long> products;

    @BeforeEach
    void producerAndProducts() throws Exception {
        user("desk-producer", KitchenGroups.PRODUCERS, STATION);
        user("desk-other", KitchenGroups.PRODUCERS, OTHER);
        producer = new TestHttp(port).as("desk-producer", PASSWORD);
        products = catalogue.seed(STATION, "Desk Co-op " + run, "Youxian", DemoCatalogue.HARVEST.subList(0, 2),
                Path.of(System.getProperty("java.io.tmpdir"), "desk-catalogue"));
    }

    @Test
    void hostsArePlannedPerShowAndSlotAndAHostWithoutTheCategorysQualificationIsRefused() {
        long tea = host("Tea Li " + run, List.of("FOOD"), true);
        long pharmacist = host("Dr Wang " + run, List.of("HEALTH_FOOD", "FOOD"), true);
        long unchecked = host("New Zhao " + run, List.of("FOOD"), false);
        jdbc.update("update product set category = 'HEALTH_FOOD' where id = ?", products.get(0));

        Map<String, Object> plan = plan("desk-hosts-" + run);
        plan.put("hostIds", List.of(unchecked));
        refused(producer.postJson("/api/shows", plan), "hostIds[0]", "has no identity check yet");
        plan.put("hostIds", List.of(tea));
        refused(producer.postJson("/api/shows", plan), "hostIds[0]", "is not qualified to present HEALTH_FOOD");
        plan.put("slots", List.of(Map.of("productId", products.get(0), "hostIds", List.of(tea)), Map.of("productId", products.get(1))));
        refused(producer.postJson("/api/shows", plan), "slots[0].hostIds[0]", "is not qualified to present HEALTH_FOOD");
        plan.put("slots", List.of(Map.of("productId", products.get(0), "hostIds", List.of(pharmacist)), Map.of("productId", products.get(1))));
        TestHttp.Response created = producer.postJson("/api/shows", plan);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode show = created.json();
        assertThat(show.path("hosts").asText()).isEqualTo("Tea Li " + run);
        assertThat(show.path("hostIds").get(0).asLong()).isEqualTo(tea);
        assertThat(show.path("slots").get(0).path("hostIds").get(0).asLong()).isEqualTo(pharmacist);
        assertThat(show.path("slots").get(1).path("hostIds").get(0).asLong()).isEqualTo(tea);
        // the rundown changed in Tasklist's text (no host ids) keeps each product's presenters; the archive says who presented what
        TestHttp.Response changed = producer.putJson("/api/shows/desk-hosts-" + run + "/rundown", Map.of("slots", List.of(
                Map.of("productId", products.get(1)), Map.of("productId", products.get(0)))));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("slots").get(1).path("hostIds").get(0).asLong()).isEqualTo(pharmacist);
        String rundown = jdbc.queryForObject("select document from archive_entry where station_id = ? and subject_id = ? and kind = 'RUNDOWN'"
                + " order by id desc fetch first 1 rows only", String.class, STATION, "desk-hosts-" + run);
        assertThat(rundown).contains(pharmacist + " Dr Wang " + run).contains("presentedBy");
        JsonNode presenters = producer.get("/api/shows/desk-hosts-" + run + "/report").json().path("presenters");
        assertThat(presenters.get(1).path("hosts").get(0).asText()).as("the report says who presented what").isEqualTo("Dr Wang " + run);
        assertThat(presenters.get(0).path("hosts").get(0).asText()).isEqualTo("Tea Li " + run);
    }

    @Test
    void promotionsThatBreakTheRulesAreRefusedNamingTheField() {
        String id = "desk-rules-" + run;
        assertThat(producer.postJson("/api/shows", plan(id)).status()).isEqualTo(201);
        String promotions = "/api/shows/" + id + "/promotions";
        refused(producer.postJson(promotions, lottery(new java.math.BigDecimal("50000.01"))), "terms.topPrize", "at most 50000");
        refused(producer.postJson(promotions, Map.of("kind", "COUPON", "terms", Map.of("code", "SAVE10"))), "terms.threshold",
                "must state 'threshold'");
        refused(producer.postJson(promotions, Map.of("kind", "COUPON", "terms", Map.of("code", "SAVE10", "threshold", 100,
                "discount", 10, "validFrom", Instant.now().toString(), "validUntil", Instant.now().minusSeconds(60).toString(),
                "scope", "all products"))), "terms.validUntil", "must be after 'validFrom'");
        // the product sold at 30.00 a unit (an order on a platform): a "flash" price of 35.00 is no reduction
        String order = "{\"eventId\":\"desk-order-" + run + "\",\"type\":\"order.paid\",\"occurredAt\":\"" + Instant.now()
                + "\",\"order\":{\"orderId\":\"desk-o-" + run + "\",\"amount\":60.00,\"quantity\":2,\"productId\":" + products.get(0) + "}}";
        assertThat(TestPlatforms.postWebhook(port, "show-douyin", STATION, order, ShowTestSettings.DOUYIN_SECRET).statusCode()).isEqualTo(202);
        refused(producer.postJson(promotions, Map.of("kind", "FLASH_SALE", "slotPosition", 1, "terms", Map.of("price", 35.00))),
                "terms.price", "lowest price of the previous 7 days: 30.00");
        Map<String, Object> plan = plan("desk-flash-" + run);
        plan.put("slots", List.of(Map.of("productId", products.get(0), "flashSale", Map.of("price", 35.00))));
        refused(producer.postJson("/api/shows", plan), "slots[0].flashSale.price", "lowest price of the previous 7 days: 30.00");
        refused(producer.postJson(promotions, Map.of("kind", "RAFFLE")), "kind", "Unknown promotion kind");
        refused(producer.postJson(promotions, Map.of("kind", "FLASH_SALE", "terms", Map.of("price", 20))), "slotPosition", "name its slot");
        assertThat(producer.postJson(promotions, Map.of("kind", "FLASH_SALE", "slotPosition", 1, "terms", Map.of("price", 29.90)))
                .status()).isEqualTo(201);
        assertThat(producer.get(promotions).json()).hasSize(1);
    }

    @Test
    void aValidPromotionGoesToEveryPlatformAtOnceAndALotteryIsDrawnReproducibly() {
        String id = "desk-fire-" + run;
        Map<String, Object> plan = plan(id);
        plan.put("destinations", List.of(
                Map.of("id", "douyin-main", "preset", "test-sd", "secretId", "showdouyin", "platform", "show-douyin", "liveRoomId", "dy-room"),
                Map.of("id", "bili-main", "preset", "test-sd", "secretId", "showbilibili", "platform", "show-bilibili", "liveRoomId", "bl-room")));
        assertThat(producer.postJson("/api/shows", plan).status()).isEqualTo(201);
        String promotions = "/api/shows/" + id + "/promotions";
        JsonNode coupon = producer.postJson(promotions, Map.of("kind", "COUPON", "title", "Ten off", "terms", Map.of("code", "DESK" + run,
                "threshold", 99, "discount", 10, "validFrom", Instant.now().toString(),
                "validUntil", Instant.now().plus(Duration.ofDays(2)).toString(), "scope", "the show's products"))).json();
        String ref = coupon.path("ref").asText();
        WireMockServer platforms = ShowTestSettings.platforms();
        // each platform takes a second to answer: together they take about one, not two
        platforms.stubFor(post(urlPathMatching("/douyin/api/v1/.*")).withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref)))
                .willReturn(aResponse().withFixedDelay(1000).withHeader("Content-Type", "application/json")
                        .withBody("{\"err_no\":0,\"data\":{\"id\":\"dy-cue-" + run + "\"}}")));
        platforms.stubFor(post(urlPathMatching("/bilibili/arcopen/fn/.*")).withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref)))
                .willReturn(aResponse().withFixedDelay(1000).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":0,\"data\":{\"id\":\"bl-cue-" + run + "\"}}")));
        TestHttp.Response fired = producer.postJson(promotions + "/" + coupon.path("promotion").path("id").asLong() + "/fire", Map.of());
        assertThat(fired.status()).as(fired.body()).isEqualTo(200);
        long douyinAsked = platforms.findAll(postRequestedFor(urlPathMatching("/douyin/.*"))
                .withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref)))).get(0).getLoggedDate().getTime();
        long bilibiliAsked = platforms.findAll(postRequestedFor(urlPathMatching("/bilibili/.*"))
                .withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref)))).get(0).getLoggedDate().getTime();
        assertThat(Math.abs(douyinAsked - bilibiliAsked)).as("the second platform was asked before the first answered").isLessThan(900);
        assertThat(fired.json().path("promotion").path("state").asText()).isEqualTo("FIRED");
        assertThat(fired.json().path("answers").findValuesAsText("state")).containsExactly("SENT", "SENT");
        assertThat(fired.json().path("answers").findValuesAsText("detail")).containsExactlyInAnyOrder("dy-cue-" + run, "bl-cue-" + run);
        platforms.verify(1, postRequestedFor(urlPathEqualTo("/douyin/api/v1/live/cues")).withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref)))
                .withRequestBody(matchingJsonPath("$.action", equalTo("coupon"))).withRequestBody(matchingJsonPath("$.coupon_code", equalTo("DESK" + run)))
                .withRequestBody(matchingJsonPath("$.room_id", equalTo("dy-room"))));
        platforms.verify(1, postRequestedFor(urlPathEqualTo("/bilibili/arcopen/fn/live/goods/cue")).withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref))));
        // fired again: nothing is sent twice
        assertThat(producer.postJson(promotions + "/" + coupon.path("promotion").path("id").asLong() + "/fire", Map.of()).status()).isEqualTo(200);
        platforms.verify(1, postRequestedFor(urlPathEqualTo("/douyin/api/v1/live/cues")).withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref))));

        // results come back by webhook; an older count arriving late changes nothing
        String result = "{\"eventId\":\"desk-res-%s-" + run + "\",\"type\":\"promotion.result\",\"occurredAt\":\"%s\",\"promotion\":"
                + "{\"promotionRef\":\"" + ref + "\",\"metric\":\"coupons_claimed\",\"count\":%d}}";
        assertThat(TestPlatforms.postWebhook(port, "show-douyin", STATION, String.format(result, "a", Instant.now(), 40),
                ShowTestSettings.DOUYIN_SECRET).statusCode()).isEqualTo(202);
        assertThat(TestPlatforms.postWebhook(port, "show-douyin", STATION, String.format(result, "b", Instant.now().minusSeconds(300), 10),
                ShowTestSettings.DOUYIN_SECRET).statusCode()).isEqualTo(202);
        JsonNode results = producer.get(promotions + "/" + coupon.path("promotion").path("id").asLong()).json().path("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).path("metric").asText()).isEqualTo("COUPONS_CLAIMED");
        assertThat(results.get(0).path("count").asLong()).isEqualTo(40);
        JsonNode figures = producer.get("/api/shows/" + id + "/report").json().path("promotions");
        assertThat(figures.get(0).path("ref").asText()).isEqualTo(ref);
        assertThat(figures.get(0).path("totals").path("COUPONS_CLAIMED").asLong()).as("in the show's figures").isEqualTo(40);
        assertThat(figures.get(0).path("perPlatform").path("show-douyin").path("COUPONS_CLAIMED").asLong()).isEqualTo(40);

        // a lottery: its rules are published before it starts; the draw is seeded and its entrants recorded
        platforms.stubFor(post(urlPathMatching("/douyin/api/v1/.*")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"err_no\":0,\"data\":{\"id\":\"dy-" + run + "\"}}")));
        platforms.stubFor(post(urlPathMatching("/bilibili/arcopen/fn/.*")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"code\":0,\"data\":{\"id\":\"bl-" + run + "\"}}")));
        long lottery = producer.postJson(promotions, lottery(new java.math.BigDecimal("5000"))).json().path("promotion").path("id").asLong();
        refused(producer.postJson(promotions + "/" + lottery + "/fire", Map.of()), "rulesPublishedAt", "published before it starts");
        JsonNode published = producer.postJson(promotions + "/" + lottery + "/rules/publish", Map.of()).json();
        assertThat(published.path("promotion").path("rulesPublishedAt").isMissingNode()).isFalse();
        JsonNode answers = producer.postJson(promotions + "/" + lottery + "/fire", Map.of()).json().path("answers");
        assertThat(answers.findValuesAsText("what")).containsExactlyInAnyOrder("CUE", "CUE", "RULES", "RULES");
        assertThat(answers.findValuesAsText("state")).containsOnly("SENT");
        List<String> entrants = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entrants.add("viewer-" + i);
        }
        Collections.shuffle(entrants);
        JsonNode draw = producer.postJson(promotions + "/" + lottery + "/draw", Map.of("seed", "seed-" + run + "-x", "entrants", entrants)).json();
        List<String> winners = new ArrayList<>();
        draw.path("winners").forEach(w -> winners.add(w.asText()));
        assertThat(winners).hasSize(3);
        assertThat(draw.path("entrantCount").asInt()).isEqualTo(500);
        Collections.shuffle(entrants);
        assertThat(LotteryDraw.winners("seed-" + run + "-x", LotteryDraw.canonical(entrants), 3)).isEqualTo(winners);
        assertThat(LotteryDraw.hash(LotteryDraw.canonical(entrants))).isEqualTo(draw.path("entrantsHash").asText());
        JsonNode replay = producer.get(promotions + "/" + lottery + "/draw").json();
        assertThat(replay.path("reproduced").asBoolean()).isTrue();
        assertThat(producer.postJson(promotions + "/" + lottery + "/draw", Map.of("seed", "another-seed-123")).json().path("winners"))
                .as("a lottery is drawn once").isEqualTo(draw.path("winners"));

        // another station's producer sees neither the show's promotions nor can fire them
        TestHttp other = new TestHttp(port).as("desk-other", PASSWORD);
        assertThat(other.get(promotions).status()).isEqualTo(404);
        assertThat(other.postJson(promotions + "/" + lottery + "/fire", Map.of()).status()).isEqualTo(404);
        assertThat(other.get(promotions + "/" + lottery + "/draw").status()).isEqualTo(404);
    }

    @Test
    void aPromotionPlannedWithAStartTimeIsFiredOnScheduleOnceTheShowIsLive() {
        String id = "desk-timer-" + run;
        assertThat(producer.postJson("/api/shows", plan(id)).status()).isEqualTo(201);
        WireMockServer platforms = ShowTestSettings.platforms();
        platforms.stubFor(post(urlPathMatching("/douyin/api/v1/.*")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"err_no\":0,\"data\":{\"id\":\"dy-" + run + "\"}}")));
        String promotions = "/api/shows/" + id + "/promotions";
        JsonNode planned = producer.postJson(promotions, Map.of("kind", "RESERVATION", "startsAt", Instant.now().plusSeconds(1).toString(),
                "terms", Map.of("benefit", "a coupon for the next show"))).json();
        String ref = planned.path("ref").asText();
        // not before the show is live (the live run is other tests' business: here the show is marked live directly)
        jdbc.update("update kitchen_show set state = 'LIVE' where id = ?", id);
        JsonNode fired = await().atMost(Duration.ofSeconds(30)).until(() -> producer.get(promotions + "/" + planned.path("promotion")
                .path("id").asLong()).json(), p -> p.path("promotion").path("state").asText().equals("FIRED"));
        assertThat(fired.path("promotion").path("firedBy").asText()).isEqualTo("schedule");
        platforms.verify(1, postRequestedFor(urlPathEqualTo("/douyin/api/v1/live/cues")).withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref)))
                .withRequestBody(matchingJsonPath("$.action", equalTo("reservation"))));
        jdbc.update("update kitchen_show set state = 'CANCELLED' where id = ?", id);
    }

    @Test
    void anotherStationCannotSeeOrUseTheHosts() {
        long host = host("Guarded " + run, List.of("FOOD"), true);
        TestHttp other = new TestHttp(port).as("desk-other", PASSWORD);
        assertThat(other.get("/api/stations/" + STATION + "/hosts").status()).isEqualTo(404);
        assertThat(other.get("/api/stations/" + STATION + "/hosts/" + host).status()).isEqualTo(404);
        assertThat(other.putJson("/api/stations/" + STATION + "/hosts/" + host, Map.of("displayName", "Taken")).status()).isEqualTo(404);
        assertThat(other.get("/api/stations/" + OTHER + "/hosts/" + host).status()).isEqualTo(404);
        assertThat(other.get("/api/stations/" + OTHER + "/hosts").json().findValuesAsText("displayName")).doesNotContain("Guarded " + run);
        assertThat(producer.get("/api/stations/" + STATION + "/hosts/" + host + "/identity-check/file").body()).startsWith("%PDF");
        refused(producer.postJson("/api/stations/" + STATION + "/hosts", Map.of("displayName", "Guarded " + run, "realName", "X")),
                "displayName", "already has a host named");
        refused(producer.postJson("/api/stations/" + STATION + "/hosts", Map.of("displayName", "Cat " + run, "realName", "X",
                "categories", List.of("JEWELLERY"))), "categories", "Unknown category");
    }

    @Test
    void anAccountWhoseTokenExpiresSoonGetsOneWarningTaskPerExpiry() throws Exception {
        TestHttp admin = new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD);
        String account = "desk-dy-" + run;
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("kind", "douyin");
        form.put("accessToken", "desk-token-" + run);
        form.put("accessTokenExpiresAt", Instant.now().plus(Duration.ofDays(2)).toString());
        form.put("liveRoomId", "room-" + run);
        form.put("shopId", "shop-" + run);
        form.put("defaultForShows", true);
        TestHttp.Response saved = admin.putJson("/api/stations/" + OTHER + "/platform-accounts/" + account, form);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("liveRoomId").asText()).isEqualTo("room-" + run);
        assertThat(saved.json().path("defaultForShows").asBoolean()).isTrue();
        assertThat(saved.json().path("ownerHostId").isMissingNode()).as("the station brand's").isTrue();
        refused(admin.putJson("/api/stations/" + OTHER + "/platform-accounts/" + account, Map.of("kind", "douyin", "ownerHostId", 999999999)),
                "ownerHostId", "has no host 999999999");

        // a show naming no account for its Douyin destination streams and sells through the station's default one
        jdbc.update("update platform_account set default_for_shows = false where station_id = ? and kind = 'douyin' and account_id <> ?",
                OTHER, account);
        vault.set(OTHER, "douyin", "PUSH_URL", "rtmp://127.0.0.1:9/live/desk-push-key-" + run, "test");
        List<Long> otherProducts = catalogue.seed(OTHER, "Desk Two Co-op " + run, "Youxian", DemoCatalogue.HARVEST.subList(0, 1),
                Path.of(System.getProperty("java.io.tmpdir"), "desk-catalogue"));
        TestHttp.Response planned = admin.postJson("/api/shows", Map.of("id", "desk-default-" + run, "stationId", OTHER, "title", "Defaults",
                "airTime", Instant.now().plus(Duration.ofDays(1)).toString(), "ingest", Map.of("mode", "TEST_PATTERN"),
                "destinations", List.of(Map.of("preset", "douyin")), "slots", List.of(Map.of("productId", otherProducts.get(0)))));
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        assertThat(planned.json().path("destinations").get(0).path("platform").asText()).isEqualTo(account);
        assertThat(planned.json().path("destinations").get(0).path("liveRoomId").asText()).isEqualTo("room-" + run);

        assertThat(tokenWarnings.check()).isPositive();
        assertThat(jdbc.queryForList("select task_id from account_token_warning where station_id = ? and account_id = ?", String.class,
                OTHER, account)).as("recorded").hasSize(1);
        tokenWarnings.check();
        var warnings = taskService.createTaskQuery().tenantIdIn(OTHER).taskNameLike("%'" + account + "'%").list();
        assertThat(warnings).hasSize(1);
        assertThat(taskService.getIdentityLinksForTask(warnings.get(0).getId()).stream().map(l -> l.getGroupId()).toList())
                .contains(KitchenGroups.MARKETERS, KitchenGroups.PRODUCERS);
        // in Tasklist: the station's marketers see it, the other station's do not
        user("desk-marketer-two", KitchenGroups.MARKETERS, OTHER);
        user("desk-marketer-one", KitchenGroups.MARKETERS, STATION);
        String query = "/engine-rest/task?nameLike=" + java.net.URLEncoder.encode("%'" + account + "'%", StandardCharsets.UTF_8);
        TestHttp.Response seen = new TestHttp(port).as("desk-marketer-two", PASSWORD).get(query);
        assertThat(seen.status()).as(seen.body()).isEqualTo(200);
        assertThat(seen.json()).hasSize(1);
        assertThat(new TestHttp(port).as("desk-marketer-one", PASSWORD).get(query).json()).isEmpty();
        // a renewed token (a new expiry) warns again
        form.put("accessTokenExpiresAt", Instant.now().plus(Duration.ofDays(3)).toString());
        assertThat(admin.putJson("/api/stations/" + OTHER + "/platform-accounts/" + account, form).status()).isEqualTo(200);
        tokenWarnings.check();
        assertThat(taskService.createTaskQuery().tenantIdIn(OTHER).taskNameLike("%'" + account + "'%").count()).isEqualTo(2);
        jdbc.update("update platform_account set default_for_shows = false where station_id = ? and account_id = ?", OTHER, account);
    }

    Map<String, Object> lottery(java.math.BigDecimal topPrize) {
        return Map.of("kind", "LOTTERY", "title", "Harvest draw", "terms", Map.of("topPrize", topPrize, "prizeDescription",
                "a year of tea", "winners", 3, "rulesText", "Everyone who comments during the show enters; three winners are drawn."));
    }

    Map<String, Object> plan(String id) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("id", id);
        plan.put("stationId", STATION);
        plan.put("title", "Desk show " + run);
        plan.put("airTime", Instant.now().plus(Duration.ofDays(1)).toString());
        plan.put("ingest", Map.of("mode", "TEST_PATTERN"));
        plan.put("destinations", List.of(Map.of("id", "douyin-main", "preset", "test-sd", "secretId", "showdouyin", "platform", "show-douyin")));
        plan.put("slots", List.of(Map.of("productId", products.get(0)), Map.of("productId", products.get(1))));
        return plan;
    }

    long host(String name, List<String> categories, boolean checked) {
        TestHttp.Response created = producer.postJson("/api/stations/" + STATION + "/hosts", Map.of("displayName", name,
                "realName", "Real " + name, "categories", categories, "accountIds", List.of("show-douyin")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        if (checked) {
            HttpResponse<String> upload = identityCheck(id, LocalDate.now().minusDays(1).toString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        }
        return id;
    }

    HttpResponse<String> identityCheck(long hostId, String checkedOn) {
        String boundary = "----desk" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"checkedOn\"\r\n\r\n" + checkedOn + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"id-check.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(PDF);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stations/" + STATION + "/hosts/"
                        + hostId + "/identity-check"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("desk-producer:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void refused(TestHttp.Response answer, String field, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("field").asText()).as(answer.body()).isEqualTo(field);
        assertThat(answer.json().path("message").asText()).contains(message);
    }

    void user(String id, String group, String station) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(id, group);
            identityService.createTenantUserMembership(station, id);
        }
    }
}
