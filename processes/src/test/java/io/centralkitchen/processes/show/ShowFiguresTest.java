package io.centralkitchen.processes.show;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's figures: a scripted stream of platform events — viewers, comments, likes, reservations, orders and refunds
 * on two platforms across three slots, some arriving late — posted as signed webhooks gives exactly the expected
 * figures per slot, per platform and for the whole show (worked out by hand in the comments), including a slot with
 * no orders. Another station's marketer gets "not found".
 */
@KitchenTest
class ShowFiguresTest {

    static final String STATION = "station-1";
    static final String PASSWORD = "figures-pass";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoCatalogue catalogue;
    @Autowired
    ShowAudiencePoll audiencePoll;

    final String run = UUID.randomUUID().toString().substring(0, 6);
    final String showId = "figures-" + run;
    /** The live start; slots go on air at +1, +11 and +21 minutes; the show ends at +30. */
    final Instant t0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    int event;

    @BeforeEach
    void aShowThatAired() throws Exception {
        user("figures-marketer", STATION, KitchenGroups.MARKETERS);
        user("figures-other", "radio-two", KitchenGroups.MARKETERS);
        List<Long> products = catalogue.seed(STATION, "Figures Co-op " + run, "Youxian", DemoCatalogue.HARVEST,
                Path.of(System.getProperty("java.io.tmpdir"), "figures-catalogue"));
        jdbc.update("insert into kitchen_show (id, station_id, title, air_time, state, ingest_mode, teaser_state, live_started_at,"
                        + " live_ended_at, created_by, created_at, updated_at) values (?, ?, ?, ?, 'REPORTED', 'TEST_PATTERN', 'NONE',"
                        + " ?, ?, 'figures-marketer', current_timestamp, current_timestamp)", showId, STATION, "Figures " + run,
                ts(0), ts(0), ts(30 * 60));
        for (int i = 0; i < 3; i++) {
            jdbc.update("insert into show_slot (show_id, position, product_id, planned_seconds, price, on_air_millis, on_air_at)"
                    + " values (?, ?, ?, 600, 10.00, ?, ?)", showId, i + 1, products.get(i), (60 + i * 600) * 1000L, ts(60 + i * 600));
        }
    }

    @Test
    void aScriptedStreamGivesExactFiguresPerSlotAndPlatform() {
        // viewers (concurrent, new since the last sample); douyin's sample at 8:00 arrives last
        viewers("douyin", 30, 100, 100);
        viewers("douyin", 6 * 60, 300, 220);
        viewers("douyin", 11 * 60, 200, 10);
        viewers("douyin", 16 * 60, 400, 250);
        viewers("douyin", 25 * 60, 100, 5);
        viewers("kuaishou", 2 * 60, 50, 50);
        viewers("kuaishou", 21 * 60, 150, 120);
        later(() -> viewers("douyin", 8 * 60, 250, 0));
        comment("douyin", 2 * 60);
        comment("douyin", 3 * 60);
        comment("douyin", 12 * 60);
        comment("kuaishou", 22 * 60);
        later(() -> comment("douyin", 5 * 60));
        likes("douyin", 15 * 60, 40);
        likes("kuaishou", 4 * 60, 7);
        reservations("douyin", -3600, 500);
        reservations("douyin", 5 * 60, 560);
        reservations("douyin", 12 * 60, 600);
        later(() -> reservations("douyin", 3 * 60, 520));
        order("douyin", "order.created", "o1", 2 * 60, "59.90", null);
        order("douyin", "order.paid", "o1", 150, "59.90", null);
        order("douyin", "order.paid", "o2", 9 * 60, "120.00", null);
        order("douyin", "order.refunded", "o2", 40 * 60, "120.00", "120.00");
        order("kuaishou", "order.paid", "o4", 22 * 60, "80.00", null);
        order("kuaishou", "order.refunded", "o4", 24 * 60, "80.00", "30.00");
        later(() -> order("douyin", "order.paid", "o3", 23 * 60, "35.50", null));
        lateOnes.forEach(Runnable::run);
        // another station's poll naming this show changes nothing: stations are walls
        audiencePoll.record(new io.centralkitchen.routes.audience.AudiencePoll.LiveRoom("radio-two", "youtube", showId, "yt-x"),
                t0.plusSeconds(5 * 60), 999_999);

        TestHttp marketer = new TestHttp(port).as("figures-marketer", PASSWORD);
        TestHttp.Response answer = marketer.get("/api/shows/" + showId + "/figures");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode f = answer.json();
        assertThat(f.path("platforms").toString()).isEqualTo("[\"douyin\",\"kuaishou\"]");
        // columns: peak, avg, new, comments, likes, reservations, orders, revenue, refunds, refundedOrders, conversion
        // opening [.., 1:00): douyin 0 for 30 s then 100 for 30 s; the warm-up's 500 reservations
        expect(f, "opening", "douyin", 100, "50.00", 100, 0, 0, 500, 0, "0", "0", 0, "0.0000");
        expect(f, "opening", "kuaishou", 0, "0.00", 0, 0, 0, 0, 0, "0", "0", 0, null);
        // slot 1 [1:00, 11:00): douyin 100×300 s + 300×120 s + 250×180 s (the late sample) = 111000 / 600 s
        expect(f, "slot-1", "douyin", 300, "185.00", 220, 3, 0, 60, 2, "179.90", "120.00", 1, "0.0067");
        expect(f, "slot-1", "kuaishou", 50, "45.00", 50, 0, 7, 0, 0, "0", "0", 0, "0.0000");
        expect(f, "slot-1", "all", 350, "230.00", 270, 3, 7, 60, 2, "179.90", "120.00", 1, "0.0057");
        // slot 2 [11:00, 21:00): no orders; douyin 200×300 s + 400×300 s
        expect(f, "slot-2", "douyin", 400, "300.00", 260, 1, 40, 40, 0, "0", "0", 0, "0.0000");
        expect(f, "slot-2", "kuaishou", 50, "50.00", 0, 0, 0, 0, 0, "0", "0", 0, "0.0000");
        expect(f, "slot-2", "all", 450, "350.00", 260, 1, 40, 40, 0, "0", "0", 0, "0.0000");
        // slot 3 [21:00, 30:00): douyin 400×240 s + 100×300 s = 126000 / 540 s; the late order o3 counts here
        expect(f, "slot-3", "douyin", 400, "233.33", 5, 0, 0, 0, 1, "35.50", "0", 0, "0.0025");
        expect(f, "slot-3", "kuaishou", 150, "150.00", 120, 1, 0, 0, 1, "80.00", "30.00", 1, "0.0067");
        expect(f, "slot-3", "all", 550, "383.33", 125, 1, 0, 0, 2, "115.50", "30.00", 1, "0.0036");
        // after the show: o2's refund at 40:00 counts in slot 1, where o2 was sold
        expect(f, "after", "all", 0, null, 0, 0, 0, 0, 0, "0", "0", 0, null);
        // the whole show: averages over the 30 live minutes (douyin 420000 / 1800 s, kuaishou 138000 / 1800 s)
        expect(f, "show", "douyin", 400, "233.33", 585, 4, 40, 600, 3, "215.40", "120.00", 1, "0.0075");
        expect(f, "show", "kuaishou", 150, "76.67", 170, 1, 7, 0, 1, "80.00", "30.00", 1, "0.0067");
        expect(f, "show", "all", 550, "310.00", 755, 5, 47, 600, 4, "295.40", "150.00", 2, "0.0073");

        TestHttp.Response csv = marketer.get("/api/shows/" + showId + "/figures.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("window,position,product_id,product,platform")
                .contains("slot-2,2,").contains(",\"douyin\"," + ts(660).toInstant() + "," + ts(1260).toInstant() + ",400,300.00,260,1,40,40,0,0,0,0,0.0000");
        TestHttp.Response page = marketer.get("/shows/" + showId + "/figures");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<svg").contains("class=\"slot-boundary\" data-slot=\"1\"")
                .contains("data-slot=\"2\"").contains("data-slot=\"3\"").contains("data-platform=\"kuaishou\"")
                .contains("figures.csv").doesNotContain("<script");

        // the public-welfare report gains the same breakdown: county, supplier, product, show, slot and platform
        String period = "?stationId=" + STATION + "&from=" + t0.minus(1, ChronoUnit.DAYS).toString().substring(0, 10)
                + "&to=" + t0.plus(1, ChronoUnit.DAYS).toString().substring(0, 10);
        TestHttp.Response welfare = marketer.get("/api/shows/reports/public-welfare/figures" + period);
        assertThat(welfare.status()).as(welfare.body()).isEqualTo(200);
        JsonNode slot2 = null;
        for (JsonNode line : welfare.json().path("lines")) {
            if (line.path("showId").asText().equals(showId) && line.path("position").asInt() == 2 && line.path("platform").asText().equals("all")) {
                slot2 = line;
            }
        }
        assertThat(slot2).as(welfare.body()).isNotNull();
        assertThat(slot2.path("county").asText()).isEqualTo("Youxian");
        assertThat(slot2.path("supplier").asText()).isEqualTo("Figures Co-op " + run);
        assertThat(slot2.path("figures").path("peakViewers").asLong()).isEqualTo(450);
        assertThat(slot2.path("figures").path("orders").asInt()).isZero();
        assertThat(marketer.get("/api/shows/reports/public-welfare/figures?stationId=" + STATION + "&from=2020-01-01&to=2026-99-01")
                .json().path("field").asText()).isEqualTo("to");

        TestHttp other = new TestHttp(port).as("figures-other", PASSWORD);
        assertThat(other.get("/api/shows/reports/public-welfare/figures" + period).status()).isEqualTo(404);
        assertThat(other.get("/api/shows/" + showId + "/figures").status()).isEqualTo(404);
        assertThat(other.get("/api/shows/" + showId + "/figures.csv").status()).isEqualTo(404);
        assertThat(other.get("/shows/" + showId + "/figures").status()).isEqualTo(404);
        assertThat(marketer.get("/v3/api-docs").body()).contains("/api/shows/{showId}/figures");
    }

    final List<Runnable> lateOnes = new ArrayList<>();

    void later(Runnable post) {
        lateOnes.add(post);
    }

    void expect(JsonNode f, String window, String platform, long peak, String avg, long newViewers, long comments, long likes,
                long reservations, int orders, String revenue, String refunds, int refundedOrders, String conversion) {
        JsonNode rows = window.equals("show") ? f.path("platformTotals") : f.path("slots");
        JsonNode row = null;
        for (JsonNode r : rows) {
            if (r.path("window").asText().equals(window) && r.path("platform").asText().equals(platform)) {
                row = r.path("figures");
            }
        }
        assertThat(row).as(window + "/" + platform + " in " + f).isNotNull();
        String where = window + "/" + platform + ": " + row;
        assertThat(row.path("peakViewers").asLong()).as(where).isEqualTo(peak);
        decimal(row.path("avgViewers"), avg, where);
        assertThat(row.path("newViewers").asLong()).as(where).isEqualTo(newViewers);
        assertThat(row.path("comments").asLong()).as(where).isEqualTo(comments);
        assertThat(row.path("likes").asLong()).as(where).isEqualTo(likes);
        assertThat(row.path("reservations").asLong()).as(where).isEqualTo(reservations);
        assertThat(row.path("orders").asInt()).as(where).isEqualTo(orders);
        assertThat(row.path("revenue").decimalValue()).as(where).isEqualByComparingTo(revenue);
        assertThat(row.path("refunds").decimalValue()).as(where).isEqualByComparingTo(refunds);
        assertThat(row.path("refundedOrders").asInt()).as(where).isEqualTo(refundedOrders);
        decimal(row.path("conversion"), conversion, where);
    }

    static void decimal(JsonNode value, String expected, String where) {
        if (expected == null) {
            assertThat(value.isNull() || value.isMissingNode()).as(where).isTrue();
        } else {
            assertThat(value.decimalValue()).as(where).isEqualByComparingTo(expected);
        }
    }

    void viewers(String platform, int second, long concurrent, long newViewers) {
        post(platform, "viewers.sampled", second, "\"viewers\":{\"showRef\":\"" + showId + "\",\"concurrent\":" + concurrent
                + ",\"newViewers\":" + newViewers + "}");
    }

    void comment(String platform, int second) {
        post(platform, "comment.created", second, "\"comment\":{\"commentId\":\"c-" + run + "-" + event + "\",\"text\":\"nice\",\"showRef\":\""
                + showId + "\"}");
    }

    void likes(String platform, int second, long count) {
        post(platform, "likes.added", second, "\"likes\":{\"showRef\":\"" + showId + "\",\"count\":" + count + "}");
    }

    void reservations(String platform, int second, long count) {
        post(platform, "reservation.updated", second, "\"reservation\":{\"showRef\":\"" + showId + "\",\"count\":" + count + "}");
    }

    void order(String platform, String type, String orderId, int second, String amount, String refund) {
        post(platform, type, second, "\"order\":{\"orderId\":\"" + orderId + "-" + run + "\",\"amount\":\"" + amount + "\",\"showRef\":\""
                + showId + "\"" + (refund == null ? "" : ",\"refundAmount\":\"" + refund + "\"") + "}");
    }

    void post(String platform, String type, int second, String section) {
        String json = "{\"eventId\":\"fig-" + run + "-" + (++event) + "\",\"type\":\"" + type + "\",\"occurredAt\":\""
                + t0.plusSeconds(second) + "\"," + section + "}";
        String secret = platform.equals("douyin") ? TestPlatforms.DOUYIN_SECRET : TestPlatforms.KUAISHOU_SECRET;
        var answer = TestPlatforms.postWebhook(port, platform, STATION, json, secret);
        assertThat(answer.statusCode()).as(json + " → " + answer.body()).isEqualTo(202);
    }

    Timestamp ts(int second) {
        return Timestamp.from(t0.plusSeconds(second));
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
