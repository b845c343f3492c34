package io.centralkitchen.routes.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.centralkitchen.routes.RoutesTestBase;
import io.centralkitchen.routes.platform.PlatformAdapter.CaseResolution;
import io.centralkitchen.routes.platform.PlatformAdapter.Clip;
import io.centralkitchen.routes.platform.PlatformAdapter.CommerceCue;
import io.centralkitchen.routes.platform.PlatformAdapter.CueType;
import io.centralkitchen.routes.platform.PlatformAdapter.Post;
import io.centralkitchen.routes.platform.PlatformAdapter.ResolutionType;
import io.centralkitchen.routes.platform.PlatformAdapter.SatisfactionSurvey;
import io.centralkitchen.routes.webhook.WebhookSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every adapter against WireMock playing its platform with the request and answer shapes the adapter documents; and the
 * resilience of the outbound routes: retries with backoff, no retry of refusals, timeouts, circuit breaker, rate limit.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlatformAdaptersTest extends RoutesTestBase {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    PlatformAdapters adapters;

    @BeforeEach
    void resetPlatforms() {
        PLATFORMS.resetAll();
    }

    static Post aPost(String key) {
        return new Post("station-1", key, "Fresh navel oranges from Gannan tonight at 8", "https://cdn.example/teaser.mp4");
    }

    static CaseResolution refund(String key) {
        return new CaseResolution("station-1", key, "douyin:complaint:c-1", "c-1", "o-1", ResolutionType.REFUND,
                new BigDecimal("19.90"), "Sorry for the bruised fruit; refunded.");
    }

    JsonNode bodyOf(LoggedRequest request) throws Exception {
        return JSON.readTree(request.getBodyAsString());
    }

    @Test
    void douyinPublishesAPostWithItsTokenHeader() throws Exception {
        PLATFORMS.stubFor(post(urlPathEqualTo("/douyin/api/v1/posts"))
                .willReturn(okJson("{\"err_no\":0,\"err_msg\":\"success\",\"data\":{\"id\":\"dy-post-1\"}}")));

        String reference = adapters.get("station-1", "douyin").publishPost(aPost("post-key-1"));

        assertThat(reference).isEqualTo("dy-post-1");
        PLATFORMS.verify(postRequestedFor(urlPathEqualTo("/douyin/api/v1/posts"))
                .withHeader("access-token", equalTo("douyin-token-SECRET-0001"))
                .withRequestBody(equalToJson("{\"text\":\"Fresh navel oranges from Gannan tonight at 8\","
                        + "\"media_url\":\"https://cdn.example/teaser.mp4\",\"idempotency_key\":\"post-key-1\"}")));
    }

    @Test
    void douyinErrorCodesInA200AnswerAreRefusals() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/douyin/api/v1/aftersale/resolutions"))
                .willReturn(okJson("{\"err_no\":28001003,\"err_msg\":\"ticket already closed\",\"data\":{}}")));

        assertThatThrownBy(() -> adapters.get("station-1", "douyin").sendCaseResolution(refund("res-1")))
                .isInstanceOf(PlatformRefusedException.class)
                .hasMessageContaining("douyin refused the case resolution").hasMessageContaining("ticket already closed");
        PLATFORMS.verify(1, postRequestedFor(urlPathEqualTo("/douyin/api/v1/aftersale/resolutions"))
                .withRequestBody(matchingJsonPath("$.resolution", equalTo("refund")))
                .withRequestBody(matchingJsonPath("$.refund_amount", equalTo("19.90"))));
    }

    @Test
    void kuaishouPublishesAClipThroughItsGateway() throws Exception {
        PLATFORMS.stubFor(post(urlPathEqualTo("/kuaishou/openapi/content.clip.create"))
                .willReturn(okJson("{\"result\":1,\"data\":{\"id\":\"ks-clip-9\"}}")));

        String reference = adapters.get("station-1", "kuaishou").publishClip(new Clip("station-1", "clip-key", "Orange slot",
                "https://cdn.example/clip.mp4", "SKU-7", new BigDecimal("39.9"), "CNY", "https://shop.example/p/7"));

        assertThat(reference).isEqualTo("ks-clip-9");
        LoggedRequest request = PLATFORMS.findAll(postRequestedFor(urlPathEqualTo("/kuaishou/openapi/content.clip.create"))).get(0);
        assertThat(request.getHeader("appkey")).isEqualTo("ks-app-key");
        assertThat(request.getHeader("access-token")).isEqualTo("kuaishou-token-SECRET-0002");
        JsonNode body = bodyOf(request);
        assertThat(body.at("/param/item/sku").asText()).isEqualTo("SKU-7");
        assertThat(body.at("/param/item/price").asText()).isEqualTo("39.9");
        assertThat(body.at("/idempotency_key").asText()).isEqualTo("clip-key");
    }

    @Test
    void weChatChannelsSendsACueWithTheTokenInTheQueryAndPricesInFen() throws Exception {
        PLATFORMS.stubFor(post(urlPathEqualTo("/wechat-channels/channels/ec/live/cue"))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"id\":\"wx-cue-3\"}")));

        String reference = adapters.get("station-1", "wechat-channels").sendCommerceCue(new CommerceCue("station-1", "cue-key",
                CueType.START_FLASH_SALE, "live-1", "SKU-7", new BigDecimal("29.90"), null));

        assertThat(reference).isEqualTo("wx-cue-3");
        LoggedRequest request = PLATFORMS.findAll(postRequestedFor(urlPathEqualTo("/wechat-channels/channels/ec/live/cue"))).get(0);
        assertThat(request.queryParameter("access_token").firstValue()).isEqualTo("wechat-token-SECRET-0003");
        assertThat(bodyOf(request).path("sale_price_fen").asLong()).isEqualTo(2990);
        assertThat(bodyOf(request).path("cue_type").asText()).isEqualTo("start_flash_sale");
    }

    @Test
    void taobaoLiveSignsItsRequestsAndNeverSendsTheAppSecret() throws Exception {
        PLATFORMS.stubFor(post(urlPathEqualTo("/taobao-live/router/rest"))
                .willReturn(okJson("{\"taobao_aftersale_resolve_response\":{\"result\":{\"id\":\"tb-res-5\"}}}")));

        String reference = adapters.get("station-1", "taobao-live").sendCaseResolution(refund("res-tb"));

        assertThat(reference).isEqualTo("tb-res-5");
        LoggedRequest request = PLATFORMS.findAll(postRequestedFor(urlPathEqualTo("/taobao-live/router/rest"))).get(0);
        Map<String, String> query = new LinkedHashMap<>();
        request.getQueryParams().forEach((name, values) -> query.put(name, values.firstValue()));
        assertThat(query).containsEntry("method", "taobao.aftersale.resolve").containsEntry("app_key", "tb-app-key")
                .containsEntry("session", "taobao-session-SECRET-0004").containsEntry("sign_method", "hmac-sha256");
        assertThat(query.get("sign")).isEqualTo(TaobaoLiveAdapter.sign("taobao-app-SECRET-0004", query, request.getBodyAsString()));
        assertThat(request.getUrl() + request.getBodyAsString()).doesNotContain("taobao-app-SECRET-0004");
        assertThat(bodyOf(request).path("refund_fee").asText()).isEqualTo("19.90");
    }

    @Test
    void taobaoErrorResponsesAreRefusalsWithTheSubMessage() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/taobao-live/router/rest")).willReturn(okJson(
                "{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\",\"sub_code\":\"isv.invalid-sku\",\"sub_msg\":\"SKU-7 is not on sale\"}}")));

        assertThatThrownBy(() -> adapters.get("station-1", "taobao-live").sendCommerceCue(new CommerceCue("station-1", "k", CueType.PIN_PRODUCT,
                "live-2", "SKU-7", null, null)))
                .isInstanceOf(PlatformRefusedException.class).hasMessageContaining("SKU-7 is not on sale");
    }

    @Test
    void bilibiliSendsASurveyWithABearerToken() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/bilibili/arcopen/fn/mall/aftersale/survey"))
                .willReturn(okJson("{\"code\":0,\"message\":\"0\",\"data\":{\"id\":\"bl-survey-1\"}}")));

        String reference = adapters.get("station-1", "bilibili").sendSatisfactionSurvey(new SatisfactionSurvey("station-1", "s-key",
                "bilibili:complaint:c-2", "o-2", "How satisfied are you?"));

        assertThat(reference).isEqualTo("bl-survey-1");
        PLATFORMS.verify(postRequestedFor(urlPathEqualTo("/bilibili/arcopen/fn/mall/aftersale/survey"))
                .withHeader("Authorization", equalTo("Bearer bili-token-SECRET-0005"))
                .withHeader("x-bili-client-id", equalTo("bili-client"))
                .withRequestBody(matchingJsonPath("$.case_ref", equalTo("bilibili:complaint:c-2"))));
    }

    @Test
    void youTubePinsAChatMessageAndRefusesAfterSalesWithoutCallingAnything() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/youtube/youtube/v3/liveChat/messages"))
                .willReturn(okJson("{\"kind\":\"youtube#liveChatMessage\",\"id\":\"yt-msg-1\"}")));

        String reference = adapters.get("station-1", "youtube").sendCommerceCue(new CommerceCue("station-1", "k", CueType.COUPON,
                "chat-1", "SKU-7", null, "ORANGE10"));

        assertThat(reference).isEqualTo("yt-msg-1");
        PLATFORMS.verify(postRequestedFor(urlPathEqualTo("/youtube/youtube/v3/liveChat/messages"))
                .withQueryParam("part", equalTo("snippet"))
                .withHeader("Authorization", equalTo("Bearer youtube-token-SECRET-0006"))
                .withRequestBody(matchingJsonPath("$.snippet.textMessageDetails.messageText", equalTo("Coupon ORANGE10 for SKU-7"))));
        assertThatThrownBy(() -> adapters.get("station-1", "youtube").sendCaseResolution(refund("r")))
                .isInstanceOf(PlatformRefusedException.class).hasMessageContaining("YouTube has no after-sales API");
        assertThat(PLATFORMS.findAll(postRequestedFor(urlPathMatching("/youtube/.*")))).hasSize(1);
    }

    @Test
    void theGenericAdapterSignsItsJsonLikeOurWebhooks() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/own-shop")).willReturn(okJson("{\"reference\":\"shop-77\"}")));

        String reference = adapters.get("station-1", "own-shop").publishPost(aPost("shop-post-1"));

        assertThat(reference).isEqualTo("shop-77");
        LoggedRequest request = PLATFORMS.findAll(postRequestedFor(urlPathEqualTo("/own-shop"))).get(0);
        assertThat(WebhookSignature.matches("shop-signing-SECRET-0007", request.getHeader(WebhookSignature.TIMESTAMP_HEADER),
                "station-1", request.getBody(), request.getHeader(WebhookSignature.SIGNATURE_HEADER))).isTrue();
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("shop-post-1");
        assertThat(request.getBodyAsString()).contains("\"type\":\"post\"");
    }

    @Test
    void transientFailuresAreRetriedWithBackoffUntilTheyPass() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/douyin/api/v1/posts")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("second"));
        PLATFORMS.stubFor(post(urlPathEqualTo("/douyin/api/v1/posts")).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429).withBody("slow down")).willSetStateTo("third"));
        PLATFORMS.stubFor(post(urlPathEqualTo("/douyin/api/v1/posts")).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(okJson("{\"err_no\":0,\"data\":{\"id\":\"dy-post-3\"}}")));

        assertThat(adapters.get("station-1", "douyin").publishPost(aPost("retry-key"))).isEqualTo("dy-post-3");
        PLATFORMS.verify(3, postRequestedFor(urlPathEqualTo("/douyin/api/v1/posts"))
                .withRequestBody(matchingJsonPath("$.idempotency_key", equalTo("retry-key"))));
    }

    @Test
    void aFailureAfterTheRetriesCarriesThePlatformsAnswer() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/douyin/api/v1/clips"))
                .willReturn(aResponse().withStatus(500).withBody("{\"err_no\":500,\"err_msg\":\"upstream exploded\"}")));

        assertThatThrownBy(() -> adapters.get("station-1", "douyin").publishClip(new Clip("station-1", "k", "t", "u", "SKU", null, "CNY", null)))
                .isInstanceOf(PlatformUnavailableException.class)
                .hasMessageContaining("failed after retries").hasMessageContaining("HTTP 500").hasMessageContaining("upstream exploded");
        PLATFORMS.verify(3, postRequestedFor(urlPathEqualTo("/douyin/api/v1/clips")));
    }

    @Test
    void refusalsAreNotRetried() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/douyin/api/v1/live/cues"))
                .willReturn(aResponse().withStatus(400).withBody("{\"err_no\":40001,\"err_msg\":\"room_id missing\"}")));

        assertThatThrownBy(() -> adapters.get("station-1", "douyin").sendCommerceCue(new CommerceCue("station-1", "k", CueType.STOP_FLASH_SALE,
                null, "SKU", null, null)))
                .isInstanceOf(PlatformRefusedException.class).hasMessageContaining("HTTP 400").hasMessageContaining("room_id missing");
        PLATFORMS.verify(1, postRequestedFor(urlPathEqualTo("/douyin/api/v1/live/cues")));
    }

    @Test
    void aPlatformThatDoesNotAnswerInTimeIsRetriedThenUnavailable() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/slow/arcopen/fn/dynamic/publish"))
                .willReturn(okJson("{\"code\":0,\"data\":{\"id\":\"late\"}}").withFixedDelay(2_000)));

        assertThatThrownBy(() -> adapters.get("station-1", "slow").publishPost(aPost("slow-key")))
                .isInstanceOf(PlatformUnavailableException.class).hasMessageContaining("failed after retries");
        PLATFORMS.verify(2, postRequestedFor(urlPathEqualTo("/slow/arcopen/fn/dynamic/publish")));
    }

    @Test
    void theCircuitBreakerOpensWhenAPlatformKeepsFailing() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/flaky/api/v1/posts")).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        PlatformAdapter flaky = adapters.get("station-1", "flaky");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> flaky.publishPost(aPost("cb"))).hasMessageContaining("HTTP 502");
        }
        assertThatThrownBy(() -> flaky.publishPost(aPost("cb")))
                .isInstanceOf(PlatformUnavailableException.class).hasMessageContaining("circuit breaker is open");
        PLATFORMS.verify(2, postRequestedFor(urlPathEqualTo("/flaky/api/v1/posts")));
    }

    @Test
    void callsRespectThePlatformsRateLimit() {
        PLATFORMS.stubFor(post(urlPathEqualTo("/limited/api/v1/posts")).willReturn(okJson("{\"err_no\":0,\"data\":{\"id\":\"x\"}}")));
        PlatformAdapter limited = adapters.get("station-1", "limited");

        long start = System.nanoTime();
        for (int i = 0; i < 11; i++) {
            limited.publishPost(aPost("rate-" + i));
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        // 5 calls per second: the 11th call cannot go out before the third one-second period
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(1_800);
        PLATFORMS.verify(11, postRequestedFor(urlPathEqualTo("/limited/api/v1/posts")));
    }

    @Test
    void anAccountTheStationDoesNotHaveIsARefusalNamingItsOwnAccounts() {
        assertThatThrownBy(() -> adapters.get("station-1", "myspace")).isInstanceOf(PlatformRefusedException.class)
                .hasMessageContaining("Station 'station-1' has no platform account 'myspace'")
                .hasMessageContaining("douyin");
    }

    @Test
    void credentialsNeverAppearInLogsOrMessages(CapturedOutput output) {
        PLATFORMS.stubFor(post(urlPathMatching("/(douyin|wechat-channels|taobao-live)/.*"))
                .willReturn(aResponse().withStatus(503).withBody("maintenance")));
        List<Runnable> calls = List.of(
                () -> adapters.get("station-1", "douyin").publishPost(aPost("log-1")),
                () -> adapters.get("station-1", "wechat-channels").publishPost(aPost("log-2")),
                () -> adapters.get("station-1", "taobao-live").publishPost(aPost("log-3")));
        StringBuilder messages = new StringBuilder();
        for (Runnable call : calls) {
            try {
                call.run();
            } catch (PlatformException e) {
                messages.append(e.getMessage());
            }
        }

        assertThat(messages.toString()).contains("maintenance");
        for (String secret : List.of("douyin-token-SECRET-0001", "wechat-token-SECRET-0003", "taobao-session-SECRET-0004",
                "taobao-app-SECRET-0004")) {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(messages.toString()).doesNotContain(secret);
        }
        assertThat(new PlatformProperties.Platform() {{
            setAccessToken("douyin-token-SECRET-0001");
        }}.toString()).contains("****0001").doesNotContain("douyin-token-SECRET-0001");
        assertThat(PlatformAccount.builder("station-1", "douyin", PlatformKind.DOUYIN).accessToken("douyin-token-SECRET-0001", null)
                .appSecret("app-SECRET-0099").webhookSecret("hook-SECRET-0098").build().toString())
                .contains("****0001").doesNotContain("douyin-token-SECRET-0001", "app-SECRET-0099", "hook-SECRET-0098");
    }
}
