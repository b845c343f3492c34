package io.centralkitchen.processes.show.room;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.demo.DemoCatalogue;
import io.centralkitchen.processes.demo.LocalRtmpPlatform;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control room and the live room in a real browser (headless Chromium), on a show that is really live: the test
 * pattern to a local RTMP platform, the station's HLS and an unreachable destination. A producer follows the tiles,
 * puts products on air (key N, then the button) and a viewer's live room follows within 2 s while hls.js plays; a
 * producer of another station is not shown the control room; a platform that goes down turns its tile red until it
 * is back; the show ends from the page and the live room says so.
 */
@KitchenTest
@Tag("browser")
@EnabledIf(value = "io.centralkitchen.processes.show.room.Browsers#installed", disabledReason = "Browser tests skipped:"
        + " no /usr/bin/chromium or /usr/bin/chromedriver (or the paths in -Dkitchen.test.chromium/-Dkitchen.test.chromedriver);"
        + " install the Debian packages chromium and chromium-driver (.ci/run does)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlRoomIT {

    static final String A = "station-1";
    static final String B = "radio-two";
    static final String PASSWORD = "control-room-pass";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    TaskService taskService;
    @Autowired
    LiveEngine live;
    @Autowired
    DemoCatalogue catalogue;

    final String run = UUID.randomUUID().toString().substring(0, 6);
    final String showId = "room-" + run;
    List<String> names;
    WebDriver producer;
    WebDriver viewer;

    @BeforeAll
    void aLiveShow() throws Exception {
        Browsers.assumeInstalled();
        user("room-producer-" + run, A);
        user("room-other-" + run, B);
        List<DemoCatalogue.Item> items = DemoCatalogue.HARVEST.subList(0, 2);
        names = items.stream().map(DemoCatalogue.Item::name).toList();
        List<Long> products = catalogue.seed(A, "Room Co-op " + run, "Hengshan", items,
                Path.of(System.getProperty("java.io.tmpdir"), "room-catalogue"));
        TestHttp api = new TestHttp(port).as("room-producer-" + run, PASSWORD);
        TestHttp.Response planned = api.postJson("/api/shows", Map.of("id", showId, "stationId", A, "title", "Control room " + run,
                "airTime", Instant.now().plus(Duration.ofDays(1)).toString(), "ingest", Map.of("mode", "TEST_PATTERN"),
                "destinations", List.of(Map.of("id", "website", "preset", "test-web"),
                        Map.of("id", "douyin-main", "preset", "test-sd", "secretId", "showdouyin"),
                        Map.of("id", "unreachable", "preset", "test-sd", "secretId", "test-push")),
                "slots", List.of(Map.of("productId", products.get(0), "plannedSeconds", 60),
                        Map.of("productId", products.get(1), "plannedSeconds", 60, "price", 55.00,
                                "flashSale", Map.of("price", 49.90, "stock", 100)))));
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        ProcessInstance show = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(showId)
                .processDefinitionKey("show").singleResult();
        await().atMost(Duration.ofSeconds(30)).until(() -> managementService.createJobQuery().processInstanceId(show.getId())
                .activityId("air-time").count() == 1);
        managementService.executeJob(managementService.createJobQuery().processInstanceId(show.getId())
                .activityId("air-time").singleResult().getId());
        taskService.complete(awaitTask("preflight-decision").getId(), Map.of("preflightDecision", "go-live"));
        awaitTask("on-air");
        await().atMost(Duration.ofSeconds(60)).until(() -> live.show(showId).map(s -> "LIVE".equals(s.stats().state())).orElse(false));
        producer = Browsers.start();
        viewer = Browsers.start();
    }

    @AfterAll
    void closeBrowsers() {
        Browsers.quit(producer);
        Browsers.quit(viewer);
        live.show(showId).ifPresent(s -> live.stop(showId));
    }

    @Test
    @Order(1)
    void theControlRoomShowsEveryDestinationLiveAndTheUnreachableOneRed() {
        signIn(producer, "room-producer-" + run, "/shows/" + showId + "/control");
        WebDriverWait wait = new WebDriverWait(producer, Duration.ofSeconds(30));
        WebElement douyin = wait.until(ExpectedConditions.presenceOfElementLocated(tile("douyin-main")));
        wait.until(d -> "LIVE".equals(douyin.getDomAttribute("data-state")));
        long sent = Long.parseLong(douyin.findElement(By.cssSelector(".stat-sent")).getText());
        new WebDriverWait(producer, Duration.ofSeconds(3)).until(d ->
                Long.parseLong(douyin.findElement(By.cssSelector(".stat-sent")).getText()) > sent);
        assertThat(douyin.findElement(By.cssSelector(".stat-bitrate")).getText()).endsWith("kbit/s");

        WebElement unreachable = producer.findElement(tile("unreachable"));
        wait.until(d -> unreachable.getDomAttribute("class").contains("failing"));
        assertThat(unreachable.findElement(By.cssSelector(".retry")).isDisplayed()).as("a failing tile offers a retry").isTrue();
        assertThat(producer.getPageSource()).as("push URLs only masked").doesNotContain("kitchen-test-push-key")
                .contains("****a1b2");
        assertThat(producer.findElements(By.cssSelector("#slots tbody tr"))).hasSize(2);
        wait.until(d -> currentTime(d, "preview") > 0.5); // the program preview plays the show's HLS
    }

    @Test
    @Order(2)
    void theLiveRoomPlaysThroughHlsJs() {
        viewer.get(url("/live/" + showId + "/"));
        WebDriverWait wait = new WebDriverWait(viewer, Duration.ofSeconds(40));
        wait.until(d -> "hls.js".equals(d.findElement(By.id("live")).getDomAttribute("data-player")));
        double started = wait.until(d -> {
            double t = currentTime(d, "live");
            return t > 0.5 ? t : null;
        });
        wait.until(d -> currentTime(d, "live") > started + 1.0);
        assertThat(viewer.findElement(By.id("phase")).getText()).isEqualTo("Live");
        assertThat(viewer.findElement(By.id("product")).isDisplayed()).as("nothing on air yet").isFalse();
    }

    @Test
    @Order(3)
    void nextProductChangesTheLiveRoomsCardWithinTwoSeconds() {
        new WebDriverWait(producer, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("next")));
        new Actions(producer).sendKeys("n").perform(); // the page's shortcut for "next product"
        WebDriverWait twoSeconds = new WebDriverWait(viewer, Duration.ofSeconds(2), Duration.ofMillis(100));
        twoSeconds.until(ExpectedConditions.textToBe(By.id("product-name"), names.get(0)));
        assertThat(viewer.findElement(By.id("product-price")).getText()).isEqualTo("¥39.90");

        new WebDriverWait(producer, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("on-air"), names.get(0)));
        producer.findElement(By.id("next")).click();
        twoSeconds.until(ExpectedConditions.textToBe(By.id("product-name"), names.get(1)));
        assertThat(viewer.findElement(By.id("product-flash-price")).getText()).isEqualTo("¥49.90");
        new WebDriverWait(producer, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("on-air"), "flash sale ¥49.90"));
        Browsers.screenshot(producer, "control-room");
        Browsers.screenshot(viewer, "live-room");
    }

    @Test
    @Order(5)
    void aProducerOfAnotherStationCannotOpenTheControlRoom() {
        WebDriver other = Browsers.start();
        try {
            signIn(other, "room-other-" + run, "/shows/" + showId + "/control");
            new WebDriverWait(other, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("refusal")));
            assertThat(other.getTitle()).isEqualTo("Not found");
            assertThat(other.getPageSource()).doesNotContain("Control room " + run);
        } finally {
            Browsers.quit(other);
        }
        TestHttp b = new TestHttp(port).as("room-other-" + run, PASSWORD);
        assertThat(b.get("/shows/" + showId + "/control").status()).isEqualTo(404);
        assertThat(b.get("/api/shows/" + showId + "/live/events").status()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void theShowEndsFromTheControlRoomAndTheLiveRoomSaysSo() {
        producer.findElement(By.id("end")).click();
        new WebDriverWait(producer, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
        await().atMost(Duration.ofSeconds(60)).until(() -> live.show(showId).isEmpty());
        new WebDriverWait(viewer, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("ended")));
        assertThat(viewer.findElement(By.id("live")).isDisplayed()).as("no frozen last frame").isFalse();
        Browsers.screenshot(viewer, "live-room-ended");
    }

    @Test
    @Order(4)
    void aPlatformThatGoesDownTurnsItsTileRedAndItRecovers() throws Exception {
        int port = LocalRtmpPlatform.freePort();
        String key = "room-kuaishou-" + run;
        LocalRtmpPlatform kuaishou = new LocalRtmpPlatform("room-kuaishou", port, key, null);
        try {
            TestHttp admin = new TestHttp(this.port).as("admin", KitchenTest.ADMIN_PASSWORD);
            assertThat(admin.putJson("/api/stations/" + A + "/secrets/room-kuaishou-" + run,
                    Map.of("kind", "PUSH_URL", "value", kuaishou.url())).status()).isEqualTo(200);
            // added from the page, as a producer does
            WebElement form = producer.findElement(By.id("add-destination"));
            form.findElement(By.name("id")).sendKeys("kuaishou");
            form.findElement(By.name("preset")).sendKeys("test-sd");
            form.findElement(By.name("secretId")).sendKeys("room-kuaishou-" + run);
            form.findElement(By.cssSelector("button[type=submit]")).click();
            WebDriverWait wait = new WebDriverWait(producer, Duration.ofSeconds(30));
            WebElement tile = wait.until(ExpectedConditions.presenceOfElementLocated(tile("kuaishou")));
            wait.until(d -> "LIVE".equals(tile.getDomAttribute("data-state")));

            kuaishou.close(); // the platform goes down: its connection breaks
            wait.until(d -> tile.getDomAttribute("class").contains("failing"));
            assertThat(tile.findElement(By.cssSelector(".retry")).isDisplayed()).isTrue();
            Browsers.screenshot(producer, "control-room-platform-down");

            kuaishou = new LocalRtmpPlatform("room-kuaishou", port, key, null); // back on the same port
            new WebDriverWait(producer, Duration.ofSeconds(60)).until(d -> "LIVE".equals(tile.getDomAttribute("data-state")));
            assertThat(tile.getDomAttribute("class")).doesNotContain("failing");
            assertThat(producer.findElement(tile("douyin-main")).getDomAttribute("data-state")).as("the others untouched")
                    .isEqualTo("LIVE");
        } finally {
            kuaishou.close();
        }
    }

    private void signIn(WebDriver driver, String user, String path) {
        driver.get(url(path));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains(path));
    }

    private static By tile(String destination) {
        return By.cssSelector(".tile[data-destination='" + destination + "']");
    }

    private static double currentTime(WebDriver driver, String video) {
        Object t = ((JavascriptExecutor) driver).executeScript("return document.getElementById(arguments[0]).currentTime;", video);
        return t == null ? 0 : ((Number) t).doubleValue();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private Task awaitTask(String key) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> taskService.createTaskQuery().processInstanceBusinessKey(showId)
                .taskDefinitionKey(key).singleResult(), t -> t != null);
    }

    private void user(String id, String station) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(id, KitchenGroups.PRODUCERS);
            identityService.createTenantUserMembership(station, id);
        }
    }
}
