package io.centralkitchen.routes.platform;

import io.centralkitchen.routes.RoutesTestBase;
import io.centralkitchen.routes.test.TestPlatformAccounts;
import io.centralkitchen.routes.webhook.SignedWebhooks;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.centralkitchen.routes.test.RoutesTestApplication.FIRST_STATION;
import static io.centralkitchen.routes.test.RoutesTestApplication.SECOND_STATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Platform accounts belong to one station: another station cannot reach them by id, the same id in two stations is two
 * accounts, and a rotated secret is used from the next call on, without a restart.
 */
class StationAccountsTest extends RoutesTestBase {

    @Autowired
    PlatformAdapters adapters;
    @Autowired
    TestPlatformAccounts accounts;
    @Autowired
    CamelContext camel;
    @LocalServerPort
    int port;

    String accountId;

    @BeforeEach
    void resetPlatforms() {
        PLATFORMS.resetAll();
        accountId = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void forgetTheAccount() {
        accounts.remove(SECOND_STATION, accountId);
    }

    PlatformAccount.Builder radioTwoDouyin(String token) {
        return PlatformAccount.builder(SECOND_STATION, accountId, PlatformKind.DOUYIN)
                .baseUrl(PLATFORMS.baseUrl() + "/" + accountId).accessToken(token, null).retries(0).retryDelay(Duration.ofMillis(10));
    }

    static PlatformAdapter.Post aPost(String key) {
        return new PlatformAdapter.Post(SECOND_STATION, key, "Tonight at 8", null);
    }

    @Test
    void aStationCannotReachAnotherStationsAccounts() {
        assertThatThrownBy(() -> adapters.get(SECOND_STATION, "kuaishou"))
                .isInstanceOf(PlatformRefusedException.class)
                .hasMessageContaining("Station 'radio-two' has no platform account 'kuaishou'")
                .hasMessageContaining("radio-shop")
                // the first station's accounts are not named
                .hasMessageNotContaining("taobao-live").hasMessageNotContaining("station-1");
        assertThatThrownBy(() -> adapters.get("no-such-station", "douyin")).isInstanceOf(PlatformRefusedException.class);

        assertThat(adapters.accounts(SECOND_STATION)).containsOnlyKeys("douyin", "radio-shop");
        assertThat(adapters.accounts(FIRST_STATION)).containsKeys("douyin", "kuaishou", "taobao-live").doesNotContainKey("radio-shop");
        assertThat(adapters.accounts("no-such-station")).isEmpty();
    }

    @Test
    void theSameAccountIdInTwoStationsIsTwoAccounts() {
        accounts.put(radioTwoDouyin("radio-two-token-SECRET-0201").build());
        PLATFORMS.stubFor(post(urlPathMatching("/.*/api/v1/posts")).willReturn(okJson("{\"err_no\":0,\"data\":{\"id\":\"p\"}}")));

        adapters.get(SECOND_STATION, accountId).publishPost(aPost("two-1"));

        PLATFORMS.verify(1, postRequestedFor(urlPathEqualTo("/" + accountId + "/api/v1/posts"))
                .withHeader("access-token", equalTo("radio-two-token-SECRET-0201")));
        assertThat(adapters.get(SECOND_STATION, accountId).stationId()).isEqualTo(SECOND_STATION);
        assertThat(adapters.get(FIRST_STATION, "douyin").stationId()).isEqualTo(FIRST_STATION);
    }

    @Test
    void aRotatedTokenIsUsedOnTheNextCallWithoutARestart() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/" + accountId + "/api/v1/posts")).willReturn(okJson("{\"err_no\":0,\"data\":{\"id\":\"p\"}}")));
        PlatformAccount first = radioTwoDouyin("old-token-SECRET-0301").build();
        accounts.put(first);
        adapters.get(SECOND_STATION, accountId).publishPost(aPost("rot-1"));
        int routes = camel.getRoutes().size();

        PlatformAccount rotated = first.toBuilder().accessToken("new-token-SECRET-0302", Instant.now().plus(Duration.ofDays(30))).build();
        accounts.put(rotated);
        adapters.get(SECOND_STATION, accountId).publishPost(aPost("rot-2"));

        assertThat(rotated.version()).isNotEqualTo(first.version());
        PLATFORMS.verify(1, postRequestedFor(urlPathEqualTo("/" + accountId + "/api/v1/posts"))
                .withHeader("access-token", equalTo("old-token-SECRET-0301")));
        PLATFORMS.verify(1, postRequestedFor(urlPathEqualTo("/" + accountId + "/api/v1/posts"))
                .withHeader("access-token", equalTo("new-token-SECRET-0302")));
        // the routes carry no credentials: a rotation keeps them (and their breaker and throttle)
        assertThat(camel.getRoutes()).hasSize(routes);
    }

    @Test
    void changedRouteSettingsGetNewRoutesAndTheOldOnesAreRetired() {
        PLATFORMS.stubFor(post(urlPathMatching("/" + accountId + "(-moved)?/api/v1/posts")).willReturn(okJson("{\"err_no\":0,\"data\":{\"id\":\"p\"}}")));
        PlatformAccount first = radioTwoDouyin("token-SECRET-0401").build();
        accounts.put(first);
        adapters.get(SECOND_STATION, accountId).publishPost(aPost("move-1"));
        String label = "platform-" + SECOND_STATION + "." + accountId + ".";
        long before = camel.getRoutes().stream().filter(r -> r.getRouteId().startsWith(label)).count();

        accounts.put(first.toBuilder().baseUrl(PLATFORMS.baseUrl() + "/" + accountId + "-moved").build());
        adapters.get(SECOND_STATION, accountId).publishPost(aPost("move-2"));

        PLATFORMS.verify(1, postRequestedFor(urlPathEqualTo("/" + accountId + "-moved/api/v1/posts")));
        assertThat(before).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(camel.getRoutes().stream().filter(r -> r.getRouteId().startsWith(label)).count()).isEqualTo(3));
    }

    @Test
    void anExpiredTokenIsRefusedWithoutCallingThePlatform() {
        accounts.put(radioTwoDouyin("expired-token-SECRET-0501").accessToken("expired-token-SECRET-0501",
                Instant.now().minusSeconds(60)).build());

        assertThatThrownBy(() -> adapters.get(SECOND_STATION, accountId).publishPost(aPost("exp-1")))
                .isInstanceOf(PlatformRefusedException.class).hasMessageContaining("access token")
                .hasMessageContaining("expired").hasMessageNotContaining("expired-token-SECRET-0501");
        PLATFORMS.verify(0, postRequestedFor(urlPathMatching("/" + accountId + "/.*")));
    }

    @Test
    void aRotatedWebhookSecretIsCheckedFromTheNextDeliveryOn() {
        accounts.put(radioTwoDouyin("t").webhookSecret("hook-old-SECRET-0601").build());
        SignedWebhooks platform = new SignedWebhooks(port);
        String json = SignedWebhooks.orderEvent("evt-" + UUID.randomUUID(), "order.paid", "o-rot", "5");

        assertThat(platform.post(accountId, SECOND_STATION, json, "hook-old-SECRET-0601").status()).isEqualTo(202);
        accounts.put(radioTwoDouyin("t").webhookSecret("hook-new-SECRET-0602").build());
        String next = SignedWebhooks.orderEvent("evt-" + UUID.randomUUID(), "order.paid", "o-rot", "5");

        assertThat(platform.post(accountId, SECOND_STATION, next, "hook-old-SECRET-0601").status()).isEqualTo(401);
        assertThat(platform.post(accountId, SECOND_STATION, next, "hook-new-SECRET-0602").status()).isEqualTo(202);
        // the first station has no account of that id: its URL answers 404 whatever the signature
        assertThat(platform.post(accountId, FIRST_STATION, next, "hook-new-SECRET-0602").status()).isEqualTo(404);
    }
}
