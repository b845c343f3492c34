package io.centralkitchen.processes.commerce;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.demo.DemoCatalogue;
import io.centralkitchen.processes.show.ShowTestSettings;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promotions page {@code /shows/{id}/promotions} over HTTP, as a browser's forms use it: a refused plan shows the
 * rule's message next to the field it names; a valid coupon fired from the page reaches both (WireMock) platforms and
 * the page shows their answers; a lottery's rules, start and draw (seed, entrants' hash, winners) from the page; a
 * signed-in session posts only with the page's CSRF token; another station's producer gets "not found".
 */
@KitchenTest
class PromotionsPageTest {

    static final String STATION = "station-1";
    static final String PASSWORD = "promo-page-pass";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoCatalogue catalogue;

    final String run = UUID.randomUUID().toString().substring(0, 6);
    final String showId = "promo-page-" + run;
    TestHttp producer;
    String page;

    @BeforeEach
    void aShowOnTwoPlatforms() throws Exception {
        user("promo-page-producer", KitchenGroups.PRODUCERS, STATION);
        user("promo-page-marketer", KitchenGroups.MARKETERS, STATION);
        user("promo-page-other", KitchenGroups.PRODUCERS, "radio-two");
        producer = new TestHttp(port).as("promo-page-producer", PASSWORD);
        List<Long> products = catalogue.seed(STATION, "Page Co-op " + run, "Youxian", DemoCatalogue.HARVEST.subList(0, 1),
                Path.of(System.getProperty("java.io.tmpdir"), "promo-page-catalogue"));
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("id", showId);
        plan.put("stationId", STATION);
        plan.put("title", "Page show " + run);
        plan.put("airTime", Instant.now().plus(Duration.ofDays(1)).toString());
        plan.put("ingest", Map.of("mode", "TEST_PATTERN"));
        plan.put("destinations", List.of(
                Map.of("id", "douyin-main", "preset", "test-sd", "secretId", "showdouyin", "platform", "show-douyin", "liveRoomId", "dy-room"),
                Map.of("id", "bili-main", "preset", "test-sd", "secretId", "showbilibili", "platform", "show-bilibili", "liveRoomId", "bl-room")));
        plan.put("slots", List.of(Map.of("productId", products.get(0))));
        TestHttp.Response created = producer.postJson("/api/shows", plan);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        page = "/shows/" + showId + "/promotions";
    }

    @Test
    void aCouponIsRefusedNextToItsFieldThenPlannedAndFiredOnBothPlatforms() {
        TestHttp.Response empty = producer.get(page);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("Page show " + run).contains("id=\"plan-COUPON\"").contains("name=\"terms.validUntil\"")
                .contains("id=\"plan-LOTTERY\"").doesNotContain("<script").doesNotContain("<style").doesNotContain(" style=");

        // a coupon without terms: the first term the rules require is named, its message next to its input
        TestHttp.Response refused = producer.postForm(page, Map.of("kind", "COUPON", "title", "Ten off " + run), Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(errorNextTo(refused.body(), "COUPON", "terms.code")).contains("must state &#39;code&#39;");
        assertThat(refused.body()).contains("value=\"Ten off " + run + "\"").as("the form keeps what was typed");
        // an unknown kind (a form of another page) is refused at the top, naming the field
        TestHttp.Response unknown = producer.postForm(page, Map.of("kind", "RAFFLE"), Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("Not planned: kind — Unknown promotion kind");
        // a discount not below the threshold names the discount
        Map<String, String> coupon = new LinkedHashMap<>();
        coupon.put("kind", "COUPON");
        coupon.put("title", "Ten off " + run);
        coupon.put("terms.code", "PAGE" + run);
        coupon.put("terms.threshold", "99");
        coupon.put("terms.discount", "120");
        coupon.put("terms.validFrom", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString());
        coupon.put("terms.validUntil", LocalDateTime.now().plusDays(2).truncatedTo(ChronoUnit.MINUTES).toString());
        coupon.put("terms.scope", "the show's products");
        coupon.put("terms.quantity", "500");
        assertThat(errorNextTo(producer.postForm(page, coupon, Map.of()).body(), "COUPON", "terms.discount")).contains("must be below");
        coupon.put("terms.discount", "10");
        assertThat(follow(producer, producer.postForm(page, coupon, Map.of()))).contains("Planned promo-");
        long id = jdbc.queryForObject("select id from promotion where station_id = ? and show_id = ? and kind = 'COUPON'", Long.class,
                STATION, showId);
        String ref = "promo-" + id;
        assertThat(jdbc.queryForObject("select terms from promotion where id = ?", String.class, id)).contains("\"quantity\":500");

        // the marketer plans but does not fire
        TestHttp marketer = new TestHttp(port).as("promo-page-marketer", PASSWORD);
        assertThat(marketer.get(page).body()).contains("id=\"" + ref + "\"").doesNotContain("class=\"fire");
        assertThat(marketer.postForm(page + "/" + id + "/fire", Map.of(), Map.of()).status()).isEqualTo(403);

        WireMockServer platforms = ShowTestSettings.platforms();
        platforms.stubFor(post(urlPathMatching("/douyin/api/v1/.*")).withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"err_no\":0,\"data\":{\"id\":\"dy-page-" + run + "\"}}")));
        platforms.stubFor(post(urlPathMatching("/bilibili/arcopen/fn/.*")).withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":0,\"data\":{\"id\":\"bl-page-" + run + "\"}}")));
        String after = follow(producer, producer.postForm(page + "/" + id + "/fire", Map.of(), Map.of()));
        platforms.verify(1, postRequestedFor(urlPathEqualTo("/douyin/api/v1/live/cues")).withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref)))
                .withRequestBody(matchingJsonPath("$.action", equalTo("coupon"))).withRequestBody(matchingJsonPath("$.coupon_code", equalTo("PAGE" + run))));
        platforms.verify(1, postRequestedFor(urlPathEqualTo("/bilibili/arcopen/fn/live/goods/cue")).withRequestBody(matchingJsonPath("$.promotion_ref", equalTo(ref))));
        assertThat(after).contains(ref + ": fired — show-bilibili SENT (bl-page-" + run + "); show-douyin SENT (dy-page-" + run + ")");
        assertThat(row(after, ref)).contains("data-state=\"FIRED\"").contains("show-douyin SENT: dy-page-" + run)
                .contains("show-bilibili SENT: bl-page-" + run).contains("PAGE" + run)
                .as("sent everywhere: nothing to fire again").doesNotContain("class=\"fire");

        // another station's producer: not found, and nothing sent
        TestHttp other = new TestHttp(port).as("promo-page-other", PASSWORD);
        TestHttp.Response hidden = other.get(page);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain("Page show " + run);
        assertThat(other.postForm(page + "/" + id + "/fire", Map.of(), Map.of()).status()).isEqualTo(404);
        assertThat(other.postForm(page, coupon, Map.of()).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from promotion where show_id = ?", Integer.class, showId)).isEqualTo(1);
    }

    @Test
    void aLotteryIsPublishedFiredAndDrawnFromThePageWithASignedInSession() {
        TestHttp session = new TestHttp(port);
        TestHttp.Response login = session.postForm("/login", Map.of("username", "promo-page-producer", "password", PASSWORD), Map.of());
        assertThat(login.status()).as(login.body()).isEqualTo(302);
        Map<String, String> lottery = new LinkedHashMap<>();
        lottery.put("kind", "LOTTERY");
        lottery.put("title", "Page draw " + run);
        lottery.put("terms.topPrize", "50000.01");
        lottery.put("terms.prizeDescription", "a year of tea");
        lottery.put("terms.winners", "2");
        lottery.put("terms.rulesText", "Three entrants, two winners.");
        assertThat(session.postForm(page, lottery, Map.of()).status()).as("a session posts only with the page's token").isEqualTo(403);
        String csrf = csrf(session.get(page).body());
        lottery.put("_csrf", csrf);
        TestHttp.Response overCap = session.postForm(page, lottery, Map.of());
        assertThat(overCap.status()).isEqualTo(400);
        assertThat(errorNextTo(overCap.body(), "LOTTERY", "terms.topPrize")).contains("at most 50000");
        lottery.put("terms.topPrize", "5000");
        follow(session, session.postForm(page, lottery, Map.of()));
        long id = jdbc.queryForObject("select id from promotion where show_id = ? and kind = 'LOTTERY'", Long.class, showId);

        WireMockServer platforms = ShowTestSettings.platforms();
        platforms.stubFor(post(urlPathMatching("/douyin/api/v1/.*")).withRequestBody(containing(showId))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"err_no\":0,\"data\":{\"id\":\"dy-l-" + run + "\"}}")));
        platforms.stubFor(post(urlPathMatching("/bilibili/arcopen/fn/.*")).withRequestBody(containing(showId))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"code\":0,\"data\":{\"id\":\"bl-l-" + run + "\"}}")));
        assertThat(follow(session, session.postForm(page + "/" + id + "/fire", Map.of("_csrf", csrf), Map.of()))).as("rules first")
                .contains("id=\"error\"").contains("published before");
        follow(session, session.postForm(page + "/" + id + "/rules", Map.of("_csrf", csrf), Map.of()));
        follow(session, session.postForm(page + "/" + id + "/fire", Map.of("_csrf", csrf), Map.of()));
        String drawn = row(follow(session, session.postForm(page + "/" + id + "/draw", Map.of("_csrf", csrf, "seed", "page-seed-" + run,
                "entrants", "viewer-a\nviewer-b\r\nviewer-c\n"), Map.of())), "promo-" + id);
        assertThat(drawn).contains("data-state=\"FIRED\"").contains("page-seed-" + run).contains("class=\"entrants-hash\"")
                .contains("<span>3</span> entrants").contains("rules SENT");
        var draw = jdbc.queryForMap("select entrants_hash, winners from promotion_draw where promotion_id = ?", id);
        assertThat(drawn).contains((String) draw.get("entrants_hash"));
        assertThat(draw.get("winners").toString()).startsWith("[\"viewer-");
    }

    /** Follows the page's redirect back to itself, as a browser does: the page with the outcome. */
    String follow(TestHttp http, TestHttp.Response posted) {
        assertThat(posted.status()).as(posted.body()).isEqualTo(302);
        TestHttp.Response shown = http.get(page);
        assertThat(shown.status()).isEqualTo(200);
        return shown.body();
    }

    /** The error shown with the named input of a kind's plan form. */
    static String errorNextTo(String body, String kind, String field) {
        int form = body.indexOf("id=\"plan-" + kind + "\"");
        assertThat(form).as(body).isPositive();
        String section = body.substring(form, body.indexOf("</details>", form));
        int input = section.indexOf("name=\"" + field + "\"");
        assertThat(input).as("the input " + field).isPositive();
        int error = section.indexOf("data-error-for=\"" + field + "\"");
        assertThat(error).as("an error next to " + field + " in " + section).isGreaterThan(input);
        assertThat(section.substring(input, error)).as("in the same label").doesNotContain("</label>");
        return section.substring(error, section.indexOf("</span>", error));
    }

    static String row(String body, String ref) {
        int start = body.indexOf("id=\"" + ref + "\"");
        assertThat(start).as(body).isPositive();
        return body.substring(start, body.indexOf("</tr>", start));
    }

    static String csrf(String body) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
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
