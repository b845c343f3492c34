package io.centralkitchen.processes.show.room;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.demo.DemoCatalogue;
import io.centralkitchen.processes.show.ShowTestSettings;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promotions page in a real browser (headless Chromium), under the platform's content security policy and with the
 * session's CSRF token: a producer reaches it from the control room's link, plans a coupon without its terms and sees
 * the rule's message next to the field, plans it properly, fires it and sees both (WireMock) platforms' answers;
 * a producer of another station is told there is no such show.
 */
@KitchenTest
@Tag("browser")
@EnabledIf(value = "io.centralkitchen.processes.show.room.Browsers#installed", disabledReason = "Browser tests skipped:"
        + " no /usr/bin/chromium or /usr/bin/chromedriver (or the paths in -Dkitchen.test.chromium/-Dkitchen.test.chromedriver)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromotionsPageIT {

    static final String PASSWORD = "promotions-page-pass";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    DemoCatalogue catalogue;

    final String run = UUID.randomUUID().toString().substring(0, 6);
    final String showId = "promo-it-" + run;
    WebDriver browser;

    @BeforeAll
    void aShowOnTwoPlatforms() throws Exception {
        Browsers.assumeInstalled();
        user("promo-it-producer-" + run, "station-1");
        user("promo-it-other-" + run, "radio-two");
        List<Long> products = catalogue.seed("station-1", "Promo IT Co-op " + run, "Hengshan", DemoCatalogue.HARVEST.subList(0, 1),
                Path.of(System.getProperty("java.io.tmpdir"), "promo-it-catalogue"));
        TestHttp.Response planned = new TestHttp(port).as("promo-it-producer-" + run, PASSWORD).postJson("/api/shows", Map.of(
                "id", showId, "stationId", "station-1", "title", "Promotions " + run,
                "airTime", java.time.Instant.now().plus(Duration.ofDays(1)).toString(), "ingest", Map.of("mode", "TEST_PATTERN"),
                "destinations", List.of(
                        Map.of("id", "douyin-main", "preset", "test-sd", "secretId", "showdouyin", "platform", "show-douyin"),
                        Map.of("id", "bili-main", "preset", "test-sd", "secretId", "showbilibili", "platform", "show-bilibili")),
                "slots", List.of(Map.of("productId", products.get(0)))));
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        WireMockServer platforms = ShowTestSettings.platforms();
        platforms.stubFor(post(urlPathMatching("/douyin/api/v1/.*")).withRequestBody(containing(showId))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"err_no\":0,\"data\":{\"id\":\"dy-it-" + run + "\"}}")));
        platforms.stubFor(post(urlPathMatching("/bilibili/arcopen/fn/.*")).withRequestBody(containing(showId))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"code\":0,\"data\":{\"id\":\"bl-it-" + run + "\"}}")));
        browser = Browsers.start();
    }

    @AfterAll
    void closeBrowser() {
        Browsers.quit(browser);
    }

    @Test
    void aCouponIsRefusedNextToItsFieldThenPlannedAndFiredFromThePage() {
        signIn(browser, "promo-it-producer-" + run, "/shows/" + showId + "/control");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("promotions-link"))).click();
        wait.until(ExpectedConditions.urlContains("/shows/" + showId + "/promotions"));

        WebElement coupon = openPlan("COUPON");
        coupon.findElement(By.name("title")).sendKeys("Ten off " + run);
        coupon.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#plan-COUPON [data-error-for='terms.code']")));
        assertThat(error.getText()).contains("must state 'code'");
        assertThat(browser.findElement(By.id("plan-refused")).getText()).contains("terms.code");

        coupon = openPlan("COUPON");
        assertThat(coupon.findElement(By.name("title")).getDomProperty("value")).as("what was typed stays").isEqualTo("Ten off " + run);
        coupon.findElement(By.name("terms.code")).sendKeys("IT" + run);
        coupon.findElement(By.name("terms.threshold")).sendKeys("99");
        coupon.findElement(By.name("terms.discount")).sendKeys("10");
        value(coupon.findElement(By.name("terms.validFrom")), LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString());
        value(coupon.findElement(By.name("terms.validUntil")), LocalDateTime.now().plusDays(2).truncatedTo(ChronoUnit.MINUTES).toString());
        coupon.findElement(By.name("terms.scope")).sendKeys("the show's products");
        coupon.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome"))).getText()).startsWith("Planned promo-");

        WebElement row = browser.findElement(By.cssSelector("#promotions tr[data-kind='COUPON']"));
        String ref = row.getDomAttribute("id");
        row.findElement(By.cssSelector("button.fire")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), ref + ": fired"));
        row = browser.findElement(By.id(ref));
        assertThat(row.getDomAttribute("data-state")).isEqualTo("FIRED");
        assertThat(row.findElements(By.cssSelector(".answers li")).stream().map(WebElement::getText).toList())
                .containsExactlyInAnyOrder("show-bilibili SENT: bl-it-" + run, "show-douyin SENT: dy-it-" + run);
        ShowTestSettings.platforms().verify(1, postRequestedFor(urlPathEqualTo("/douyin/api/v1/live/cues")).withRequestBody(containing(ref)));
        ShowTestSettings.platforms().verify(1, postRequestedFor(urlPathEqualTo("/bilibili/arcopen/fn/live/goods/cue")).withRequestBody(containing(ref)));
        Browsers.screenshot(browser, "promotions-page");

        WebDriver other = Browsers.start();
        try {
            signIn(other, "promo-it-other-" + run, "/shows/" + showId + "/promotions");
            assertThat(other.findElement(By.id("refusal")).getText()).contains("There is no show");
            assertThat(other.getPageSource()).doesNotContain("Promotions " + run);
        } finally {
            Browsers.quit(other);
        }
    }

    private WebElement openPlan(String kind) {
        WebElement details = browser.findElement(By.id("plan-" + kind));
        if (details.getDomAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
        return details.findElement(By.tagName("form"));
    }

    /** A date-time input filled as the browser's own picker would (its typed format follows the locale). */
    private void value(WebElement input, String localDateTime) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", input, localDateTime);
    }

    private void signIn(WebDriver driver, String user, String path) {
        driver.get("http://127.0.0.1:" + port + path);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains(path));
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
