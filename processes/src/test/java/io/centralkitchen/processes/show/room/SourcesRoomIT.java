package io.centralkitchen.processes.show.room;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control room's sources panel in a real browser, on a live show with two sources (rehearsal: two test patterns):
 * both cards connected with a preview picture, a cut by click and one by key, the slate by key — and the engine
 * follows each call.
 */
@KitchenTest
@Tag("browser")
@EnabledIf(value = "io.centralkitchen.processes.show.room.Browsers#installed", disabledReason = "Browser tests skipped:"
        + " no /usr/bin/chromium or /usr/bin/chromedriver; install the Debian packages chromium and chromium-driver")
class SourcesRoomIT {

    static final String PASSWORD = "sources-room-pass";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LiveEngine live;

    @Test
    void aProducerSeesTheSourcesAndCutsBetweenThemFromThePage() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String showId = "sources-room-" + run;
        String user = "sources-producer-" + run;
        user(user);
        jdbc.update("insert into kitchen_show (id, station_id, title, air_time, state, ingest_mode, teaser_state, created_by,"
                + " created_at, updated_at) values (?, 'station-1', 'Orchard live', current_timestamp, 'PLANNED',"
                + " 'TEST_PATTERN', 'NONE', ?, current_timestamp, current_timestamp)", showId, user);
        jdbc.update("insert into show_destination (show_id, destination_id, preset) values (?, 'website', 'test-web')", showId);
        jdbc.update("insert into show_source (show_id, position, name, mode, backup) values (?, 0, 'studio', 'TEST_PATTERN', false)", showId);
        jdbc.update("insert into show_source (show_id, position, name, mode, backup) values (?, 1, 'field', 'TEST_PATTERN', true)", showId);
        TestHttp api = new TestHttp(port).as(user, PASSWORD);
        assertThat(api.postJson("/api/shows/" + showId + "/live/start", Map.of()).status()).isEqualTo(201);
        WebDriver producer = Browsers.start();
        try {
            producer.get("http://127.0.0.1:" + port + "/shows/" + showId + "/control");
            WebDriverWait wait = new WebDriverWait(producer, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys(user);
            producer.findElement(By.name("password")).sendKeys(PASSWORD);
            producer.findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
            WebElement studio = wait.until(ExpectedConditions.presenceOfElementLocated(source("studio")));
            WebElement field = producer.findElement(source("field"));
            wait.until(d -> !"AWAY".equals(studio.getDomAttribute("data-state")) && !"AWAY".equals(field.getDomAttribute("data-state")));
            wait.until(d -> previewWidth(d, "studio") > 0 && previewWidth(d, "field") > 0); // pictures, every 2 s
            String onAir = "ON_AIR".equals(studio.getDomAttribute("data-state")) ? "studio" : "field";
            String other = onAir.equals("studio") ? "field" : "studio";

            producer.findElement(source(other)).findElement(By.cssSelector("button.cut")).click();
            wait.until(d -> "ON_AIR".equals(d.findElement(source(other)).getDomAttribute("data-state")));
            await().atMost(Duration.ofSeconds(5)).until(() -> live.show(showId).orElseThrow().stats().source(), other::equals);
            assertThat(producer.findElement(By.id("message")).getText()).isEqualTo("Cut to " + other);
            Browsers.screenshot(producer, "control-room-sources");

            new Actions(producer).sendKeys(onAir.equals("studio") ? "1" : "2").perform(); // back by its number
            wait.until(d -> "ON_AIR".equals(d.findElement(source(onAir)).getDomAttribute("data-state")));
            new Actions(producer).sendKeys("s").perform(); // the slate
            await().atMost(Duration.ofSeconds(5)).until(() -> live.show(showId).orElseThrow().stats().state(), "SLATE"::equals);
            wait.until(d -> d.findElements(By.cssSelector(".source[data-state='ON_AIR']")).isEmpty());
        } finally {
            Browsers.quit(producer);
            live.show(showId).ifPresent(s -> live.stop(showId));
        }
    }

    private static By source(String name) {
        return By.cssSelector(".source[data-source='" + name + "']");
    }

    private static long previewWidth(WebDriver driver, String name) {
        Object w = ((JavascriptExecutor) driver).executeScript("var i = document.querySelector(\".source[data-source='\" + arguments[0]"
                + " + \"'] img.thumb\"); return i && i.complete ? i.naturalWidth : 0;", name);
        return w == null ? 0 : ((Number) w).longValue();
    }

    private void user(String id) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(id, KitchenGroups.PRODUCERS);
            identityService.createTenantUserMembership("station-1", id);
        }
    }
}
