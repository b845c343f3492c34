package io.centralkitchen.processes.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.aftersales.TestPlatforms;
import io.centralkitchen.processes.demo.DemoCatalogue;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's asset library: a clip is found by its host's name and by its product across shows, with presigned
 * previews; another station's caller finds none of it (and its own same-named host's clip only), gets "not found" for
 * the station and for re-publishing; a clip re-published from the library goes to another platform once, through the
 * show's publication path; parameters are bounded.
 */
@KitchenTest
class AssetLibraryTest {

    static final String PASSWORD = "library-pass";
    static final WireMockServer PLATFORMS = TestPlatforms.server();

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoCatalogue catalogue;

    final String run = UUID.randomUUID().toString().substring(0, 6);
    final String hostName = "Li Wen " + run;
    List<Long> products;
    long otherProduct;
    long clipA1;
    long clipA2;
    long clipB2;
    long otherClip;

    @BeforeEach
    void twoShowsOfOneStationAndOneOfAnother() throws Exception {
        user("library-marketer", "station-1", KitchenGroups.MARKETERS);
        user("library-other", "radio-two", KitchenGroups.MARKETERS);
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "library-catalogue");
        products = catalogue.seed("station-1", "Library Co-op " + run, "Youxian", DemoCatalogue.HARVEST.subList(0, 2), work);
        otherProduct = catalogue.seed("radio-two", "Other Co-op " + run, "Anhua", DemoCatalogue.HARVEST.subList(0, 1), work).get(0);
        long host = host("station-1", hostName);
        long otherHost = host("radio-two", hostName);
        // show 1: product A, the host presents the whole show
        String show1 = show("station-1", "lib1-" + run, 2);
        clipA1 = clip(show1, slot(show1, 1, products.get(0)), products.get(0), "station-1");
        jdbc.update("insert into show_host (show_id, host_id) values (?, ?)", show1, host);
        // show 2: product A without the host, product B presented by the host (slot host)
        String show2 = show("station-1", "lib2-" + run, 1);
        clipA2 = clip(show2, slot(show2, 1, products.get(0)), products.get(0), "station-1");
        long slotB = slot(show2, 2, products.get(1));
        clipB2 = clip(show2, slotB, products.get(1), "station-1");
        jdbc.update("insert into slot_host (slot_id, host_id) values (?, ?)", slotB, host);
        // radio-two: a host of the same name
        String other = show("radio-two", "lib3-" + run, 1);
        otherClip = clip(other, slot(other, 1, otherProduct), otherProduct, "radio-two");
        jdbc.update("insert into show_host (show_id, host_id) values (?, ?)", other, otherHost);
    }

    @Test
    void findsClipsByHostAndProductAcrossShowsAndNeverAnotherStations() {
        TestHttp marketer = new TestHttp(port).as("library-marketer", PASSWORD);
        JsonNode byHost = search(marketer, "stationId=station-1&kind=CLIP&host=" + enc("li wen " + run));
        assertThat(clipIds(byHost)).containsExactlyInAnyOrder(clipA1, clipB2);
        JsonNode first = byHost.path("assets").get(0);
        assertThat(first.path("hosts").toString()).contains(hostName);
        assertThat(first.path("preview").asText()).startsWith("http").contains("X-Amz-Signature");

        JsonNode byProduct = search(marketer, "stationId=station-1&kind=CLIP&productId=" + products.get(0));
        assertThat(clipIds(byProduct)).containsExactlyInAnyOrder(clipA1, clipA2);
        assertThat(byProduct.path("assets").findValuesAsText("showId")).containsExactlyInAnyOrder("lib1-" + run, "lib2-" + run);
        JsonNode everything = search(marketer, "productId=" + products.get(0));
        assertThat(everything.path("assets").findValuesAsText("kind")).contains("CLIP", "RENDITION", "COVER", "RECORDING");
        assertThat(everything.toString()).doesNotContain("radio-two");

        TestHttp other = new TestHttp(port).as("library-other", PASSWORD);
        JsonNode theirs = search(other, "kind=CLIP&host=" + enc(hostName));
        assertThat(clipIds(theirs)).containsExactly(otherClip);
        assertThat(theirs.toString()).doesNotContain("station-1").doesNotContain("lib1-").doesNotContain("lib2-");
        assertThat(search(other, "productId=" + products.get(0)).path("total").asInt()).isZero();
        assertThat(other.get("/api/library/assets?stationId=station-1").status()).isEqualTo(404);
        assertThat(other.postJson("/api/library/clips/" + clipA1 + "/publications", Map.of("platform", "kuaishou")).status())
                .isEqualTo(404);
        TestHttp.Response otherPage = other.get("/library?stationId=station-1&host=" + enc(hostName));
        assertThat(otherPage.status()).isEqualTo(404);
        assertThat(otherPage.body()).doesNotContain("lib1-" + run);
        TestHttp.Response page = marketer.get("/library?host=" + enc(hostName));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-clip=\"" + clipA1 + "\"").contains("data-clip=\"" + clipB2 + "\"")
                .doesNotContain("data-clip=\"" + otherClip + "\"").contains("X-Amz-Signature");
    }

    @Test
    void aClipIsRepublishedFromTheLibraryOnceThroughThePublicationPath() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/kuaishou/openapi/content.clip.create")).withRequestBody(containing("lib1-" + run))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"result\":1,\"error_msg\":\"\",\"data\":{\"id\":\"ks-clip-" + run + "\"}}")));
        TestHttp marketer = new TestHttp(port).as("library-marketer", PASSWORD);
        String path = "/api/library/clips/" + clipA1 + "/publications";
        TestHttp.Response sent = marketer.postJson(path, Map.of("platform", "kuaishou"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        String key = "show:station-1:lib1-" + run + ":clip:" + clipA1 + ":kuaishou";
        assertThat(sent.json().path("state").asText()).isEqualTo("SENT");
        assertThat(sent.json().path("idempotencyKey").asText()).isEqualTo(key);
        assertThat(sent.json().path("shape").asText()).isEqualTo("VERTICAL");
        TestHttp.Response again = marketer.postJson(path, Map.of("platform", "kuaishou"));
        assertThat(again.json().path("state").asText()).isEqualTo("SENT");
        assertThat(PLATFORMS.countRequestsMatching(postRequestedFor(urlPathEqualTo("/kuaishou/openapi/content.clip.create"))
                .withRequestBody(containing(key)).build()).getCount()).as("sent once").isEqualTo(1);
        assertThat(jdbc.queryForObject("select platform_ref from show_publication where idempotency_key = ?", String.class, key))
                .isEqualTo("ks-clip-" + run);
        JsonNode published = search(marketer, "platform=kuaishou&status=PUBLISHED&kind=CLIP&showId=lib1-" + run);
        assertThat(clipIds(published)).containsExactly(clipA1);
        assertThat(published.path("assets").get(0).path("publications").get(0).path("platform").asText()).isEqualTo("kuaishou");

        // from the page: to YouTube (16:9), once
        PLATFORMS.stubFor(post(urlPathEqualTo("/youtube/youtube/v3/videos")).withRequestBody(containing("lib1-" + run))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"kind\":\"youtube#video\",\"id\":\"yt-" + run + "\"}")));
        TestHttp.Response form = marketer.postForm("/library/clips/" + clipA1 + "/publish", Map.of("platform", "youtube"), Map.of());
        assertThat(form.status()).as(form.body()).isEqualTo(302);
        assertThat(marketer.postForm("/library/clips/" + clipA1 + "/publish", Map.of("platform", "youtube"), Map.of()).status()).isEqualTo(302);
        String ytKey = "show:station-1:lib1-" + run + ":clip:" + clipA1 + ":youtube";
        assertThat(PLATFORMS.countRequestsMatching(postRequestedFor(urlPathEqualTo("/youtube/youtube/v3/videos"))
                .withRequestBody(containing(ytKey)).build()).getCount()).isEqualTo(1);
        assertThat(PLATFORMS.findAll(postRequestedFor(urlPathEqualTo("/youtube/youtube/v3/videos")).withRequestBody(containing(ytKey))).get(0)
                .getBodyAsString()).contains("landscape.mp4");
        assertThat(new TestHttp(port).as("library-other", PASSWORD).postForm("/library/clips/" + clipA1 + "/publish",
                Map.of("platform", "youtube"), Map.of()).status()).isEqualTo(404);
        assertThat(marketer.get("/library?kind=CLIP&showId=lib1-" + run).body()).contains("action=\"/library/clips/" + clipA1 + "/publish\"");

        assertThat(marketer.postJson(path, Map.of("platform", "myspace")).json().path("field").asText()).isEqualTo("platform");
        assertThat(marketer.postJson("/api/library/clips/" + clipB2 + "/publications", Map.of("platform", "kuaishou", "shape", "round"))
                .json().path("field").asText()).isEqualTo("shape");
        assertThat(marketer.get("/api/library/assets?size=1000").json().path("field").asText()).isEqualTo("size");
        assertThat(marketer.get("/api/library/assets?host=" + "x".repeat(101)).json().path("field").asText()).isEqualTo("host");
        assertThat(marketer.get("/api/library/assets?productId=-3").json().path("field").asText()).isEqualTo("productId");
        assertThat(marketer.get("/api/library/assets?kind=poster").json().path("field").asText()).isEqualTo("kind");
        assertThat(marketer.get("/v3/api-docs").body()).as("documented").contains("/api/library/assets")
                .contains("/api/library/clips/{clipId}/publications");
    }

    JsonNode search(TestHttp who, String query) {
        TestHttp.Response answer = who.get("/api/library/assets?" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    static List<Long> clipIds(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("assets").forEach(a -> ids.add(a.path("clipId").asLong()));
        return ids;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    long host(String station, String name) {
        jdbc.update("insert into host (station_id, display_name, real_name, active, created_by, created_at, updated_at)"
                + " values (?, ?, ?, true, 'test', current_timestamp, current_timestamp)", station, name, name + " (real)");
        return jdbc.queryForObject("select id from host where station_id = ? and display_name = ?", Long.class, station, name);
    }

    String show(String station, String id, int daysAgo) {
        Instant air = Instant.now().minus(Duration.ofDays(daysAgo));
        jdbc.update("insert into kitchen_show (id, station_id, title, air_time, state, ingest_mode, teaser_state, recording_id,"
                        + " manifest_key, created_by, created_at, updated_at) values (?, ?, ?, ?, 'REPORTED', 'TEST_PATTERN', 'NONE',"
                        + " ?, ?, 'test', current_timestamp, current_timestamp)", id, station, "Library " + id, Timestamp.from(air),
                "rec-" + id, station + "/live/" + id + "/rec/index.m3u8");
        return id;
    }

    long slot(String show, int position, long product) {
        jdbc.update("insert into show_slot (show_id, position, product_id, planned_seconds, price, on_air_millis)"
                + " values (?, ?, ?, 60, 19.90, ?)", show, position, product, position * 60_000L);
        return jdbc.queryForObject("select id from show_slot where show_id = ? and position = ?", Long.class, show, position);
    }

    long clip(String show, long slot, long product, String station) {
        jdbc.update("insert into show_clip (show_id, slot_id, product_id, recording_id, in_millis, out_millis, copy_key,"
                + " vertical_key, landscape_key, cover_key, state, created_at, updated_at) values (?, ?, ?, ?, 0, 10000, ?, ?, ?, ?,"
                + " 'APPROVED', current_timestamp, current_timestamp)", show, slot, product, "rec-" + show,
                station + "/shows/" + show + "/clips/" + slot + "/copy.mp4", station + "/shows/" + show + "/clips/" + slot + "/vertical.mp4",
                station + "/shows/" + show + "/clips/" + slot + "/landscape.mp4", station + "/shows/" + show + "/clips/" + slot + "/cover.jpg");
        return jdbc.queryForObject("select id from show_clip where slot_id = ?", Long.class, slot);
    }

    private void user(String id, String station, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(id, group);
            identityService.createTenantUserMembership(station, id);
        }
    }
}
