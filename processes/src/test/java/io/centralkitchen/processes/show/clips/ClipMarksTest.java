package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.show.ShowClips;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The watermark per platform: a show on four platforms of a station whose Douyin and Kuaishou accounts share a mark of
 * their own, whose YouTube account has no text and whose Bilibili account keeps the station's: two more renditions
 * (one per distinct mark, not per platform), each platform's publication taking the rendition of its mark; planned
 * again, the same rows; a changed mark, another rendition; another station never reads them; a mark that could never
 * be drawn stops the start.
 */
@KitchenTest
class ClipMarksTest {

    static final String STATION = "radio-two";

    @Autowired
    ClipMarks marks;
    @Autowired
    ClipStyleProperties style;
    @Autowired
    ShowClips clips;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.centralkitchen.processes.demo.DemoCatalogue catalogue;

    final String run = UUID.randomUUID().toString().substring(0, 6);
    final String showId = "marks-" + run;

    @Autowired
    io.centralkitchen.processes.show.library.ClipRepublisher republisher;
    @Autowired
    io.centralkitchen.processes.show.library.AssetLibrary library;

    @AfterEach
    void theStationsStyleAsBefore() {
        style.getStations().remove(STATION);
        style.getStations().remove("station-1");
    }

    @Test
    void aClipPublishedToAPlatformCarriesThatPlatformsMark() throws Exception {
        ClipStyleProperties.Station mine = new ClipStyleProperties.Station();
        mine.getPlatforms().put("kuaishou", platform("KS mark", "bottom-right", null));
        style.getStations().put("station-1", mine);
        long clipId = showWithClip("station-1", new String[][]{{"ks", "kuaishou", "kuaishou"}, {"yt", "youtube", "youtube"}});
        assertThat(marks.plan("station-1", showId, clipId)).hasSize(1);
        String own = marks.renditionFor("station-1", clips.require(showId, clipId), "kuaishou", true);
        var platforms = io.centralkitchen.processes.aftersales.TestPlatforms.server();
        platforms.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/kuaishou/openapi/content.clip.create"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(showId))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"result\":1,\"error_msg\":\"\",\"data\":{\"id\":\"ks-mark-" + run + "\"}}")));
        assertThat(republisher.republish("station-1", clipId, "kuaishou", null).state()).isEqualTo("SENT");
        republisher.republish("station-1", clipId, "youtube", null);
        String toKuaishou = body(platforms, "/kuaishou/openapi/content.clip.create");
        assertThat(toKuaishou).as("Kuaishou gets the rendition of its own mark").contains(own.substring(own.lastIndexOf('/') + 1))
                .doesNotContain("vertical.mp4");
        assertThat(body(platforms, "/youtube/youtube/v3/videos")).as("YouTube the station's").contains("landscape.mp4");
        var renditions = library.search("station-1", io.centralkitchen.processes.show.library.AssetQuery.parse(
                java.util.Map.of("showId", showId, "kind", "RENDITION"))).assets();
        assertThat(renditions).extracting(a -> a.variant() + " " + a.key().substring(a.key().lastIndexOf('/') + 1))
                .containsExactlyInAnyOrder("9:16 vertical.mp4", "16:9 landscape.mp4",
                        "9:16 for kuaishou " + own.substring(own.lastIndexOf('/') + 1));
    }

    String body(com.github.tomakehurst.wiremock.WireMockServer platforms, String path) {
        return platforms.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(path))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(showId))).get(0).getBodyAsString();
    }

    @Test
    void oneRenditionPerDistinctMarkAndEachPlatformGetsItsOwn() throws Exception {
        ClipStyleProperties.Station mine = new ClipStyleProperties.Station();
        mine.setWatermark("R2 TV");
        mine.getPlatforms().put("dy-" + run, platform("R2 on Douyin", "bottom-left", null));
        mine.getPlatforms().put("ks-" + run, platform("R2 on Douyin", "bottom-left", null));
        mine.getPlatforms().put("yt-" + run, platform("", null, null));
        style.getStations().put(STATION, mine);
        long clipId = showWithClip();
        ShowClips.ShowClip clip = clips.require(showId, clipId);

        List<Long> ids = marks.plan(STATION, showId, clipId);
        assertThat(ids).hasSize(2);
        assertThat(jdbc.queryForList("select shape || ' ' || coalesce(watermark, '-') || ' ' || corner || ' ' || platforms from"
                + " clip_mark_rendition where clip_id = ? order by shape desc", String.class, clipId))
                .containsExactly("VERTICAL R2 on Douyin bottom-left dy-" + run + ",ks-" + run, "LANDSCAPE - top-right yt-" + run);
        assertThat(marks.plan(STATION, showId, clipId)).as("planned again: the same renditions").isEqualTo(ids);

        String douyin = marks.renditionFor(STATION, clip, "dy-" + run, true);
        assertThat(douyin).startsWith(STATION + "/").endsWith(".mp4").contains("vertical-").isNotEqualTo(clip.verticalKey());
        assertThat(marks.renditionFor(STATION, clip, "ks-" + run, true)).as("an equal mark shares the rendition").isEqualTo(douyin);
        assertThat(marks.renditionFor(STATION, clip, "bl-" + run, false)).as("the station's mark").isEqualTo(clip.landscapeKey());
        assertThat(marks.renditionFor(STATION, clip, "yt-" + run, false)).contains("landscape-").isNotEqualTo(clip.landscapeKey());
        assertThat(marks.renditionFor("station-1", clip, "dy-" + run, true)).as("another station's rows are not read")
                .isEqualTo(clip.verticalKey());

        // Kuaishou's mark moves to another corner: a rendition of its own, Douyin's stays
        mine.getPlatforms().get("ks-" + run).setWatermarkCorner("top-left");
        List<Long> changed = marks.plan(STATION, showId, clipId);
        assertThat(changed).hasSize(3).containsAll(ids);
        assertThat(marks.renditionFor(STATION, clip, "ks-" + run, true)).isNotEqualTo(douyin);
        assertThat(marks.renditionFor(STATION, clip, "dy-" + run, true)).isEqualTo(douyin);
        // no platform with a mark of its own any more: no extra renditions
        mine.getPlatforms().clear();
        assertThat(marks.plan(STATION, showId, clipId)).isEmpty();
        assertThat(marks.renditionFor(STATION, clip, "dy-" + run, true)).isEqualTo(clip.verticalKey());
    }

    @Test
    void aMarkThatCouldNeverBeDrawnStopsTheStart() {
        ClipStyleProperties.Station bad = new ClipStyleProperties.Station();
        bad.getPlatforms().put("dy", platform("x", "middle", null));
        style.getStations().put(STATION, bad);
        assertThatThrownBy(marks::check).hasMessageContaining("kitchen.clip-style.stations.radio-two.platforms.dy.watermark-corner");
        bad.getPlatforms().put("dy", platform("x", "top-left", "station-1/logo.png"));
        assertThatThrownBy(marks::check).hasMessageContaining("under the station's own prefix 'radio-two/'");
        bad.getPlatforms().put("dy", platform("x", "top-left", STATION + "/brand/logo.png"));
        marks.check();
    }

    static ClipStyleProperties.PlatformMark platform(String text, String corner, String image) {
        ClipStyleProperties.PlatformMark mark = new ClipStyleProperties.PlatformMark();
        mark.setWatermark(text);
        mark.setWatermarkCorner(corner);
        mark.setWatermarkImage(image);
        return mark;
    }

    long showWithClip() throws Exception {
        return showWithClip(STATION, new String[][]{{"dy", "douyin", "dy-" + run}, {"ks", "kuaishou", "ks-" + run},
                {"bl", "bilibili", "bl-" + run}, {"yt", "youtube", "yt-" + run}});
    }

    long showWithClip(String station, String[][] destinations) throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into kitchen_show (id, station_id, title, air_time, state, ingest_mode, teaser_state, created_by, created_at,"
                + " updated_at) values (?, ?, ?, ?, 'REPORTED', 'TEST_PATTERN', 'NONE', 'test', ?, ?)", showId, station, "Marks " + run, now, now, now);
        for (String[] d : destinations) {
            jdbc.update("insert into show_destination (show_id, destination_id, preset, platform) values (?, ?, ?, ?)", showId, d[0], d[1], d[2]);
        }
        long product = catalogue.seed(station, "Marks Co-op " + run, "Youxian", io.centralkitchen.processes.demo.DemoCatalogue.HARVEST.subList(0, 1),
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "marks-catalogue")).get(0);
        jdbc.update("insert into show_slot (show_id, position, product_id, planned_seconds, price, on_air_millis) values (?, 1, ?, 60, 9.90, 0)",
                showId, product);
        long slot = jdbc.queryForObject("select id from show_slot where show_id = ?", Long.class, showId);
        String base = station + "/shows/" + showId + "/clips/" + slot + "/";
        jdbc.update("insert into show_clip (show_id, slot_id, product_id, recording_id, in_millis, out_millis, copy_key, vertical_key,"
                + " landscape_key, cover_key, state, created_at, updated_at) values (?, ?, ?, ?, 0, 10000, ?, ?, ?, ?, 'APPROVED', ?, ?)",
                showId, slot, product, "rec-" + run, base + "copy.mp4", base + "vertical.mp4", base + "landscape.mp4", base + "cover.jpg", now, now);
        return jdbc.queryForObject("select id from show_clip where slot_id = ?", Long.class, slot);
    }
}
