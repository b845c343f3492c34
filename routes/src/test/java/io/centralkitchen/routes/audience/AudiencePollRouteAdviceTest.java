package io.centralkitchen.routes.audience;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.centralkitchen.routes.test.RoutesTestApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audience poll with its timer replaced by a direct endpoint and the recording step by a mock (AdviceWith): one
 * poll asks YouTube (WireMock) about each live room of a polled platform with the station's token and hands on the
 * counts; a room whose platform fails or answers nonsense is skipped without stopping the others, and a platform that
 * pushes its audience by webhook (Douyin) is not asked.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = {RoutesTestApplication.class, AudiencePollRouteAdviceTest.Rooms.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AudiencePollRouteAdviceTest {

    static final WireMockServer YOUTUBE = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    static {
        YOUTUBE.start();
    }

    @TestConfiguration
    static class Rooms {
        @Bean
        AudiencePoll audiencePoll() {
            return new AudiencePoll() {
                @Override
                public List<LiveRoom> rooms() {
                    return List.of(new LiveRoom("station-1", "youtube", "show-a", "yt-live-a"),
                            new LiveRoom("station-1", "youtube", "show-b", "yt-live-broken"),
                            new LiveRoom("station-1", "douyin", "show-a", "dy-room-a"),
                            new LiveRoom("station-1", "youtube", "show-c", "yt-live-nonsense"),
                            new LiveRoom("station-1", "youtube", "show-d", "yt-live-d"));
                }

                @Override
                public void record(LiveRoom room, Instant at, long concurrentViewers) {
                    throw new AssertionError("replaced by the mock");
                }
            };
        }
    }

    @DynamicPropertySource
    static void youtube(DynamicPropertyRegistry registry) {
        registry.add("kitchen.platforms.youtube.base-url", YOUTUBE::baseUrl);
        registry.add("kitchen.platforms.douyin.base-url", YOUTUBE::baseUrl);
    }

    @AfterAll
    static void stop() {
        YOUTUBE.stop();
    }

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @EndpointInject("mock:recorded")
    MockEndpoint recorded;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (camel.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(camel, "audience-poll", route -> route.replaceFromWith("direct:poll-now"));
        AdviceWith.adviceWith(camel, "audience-poll-room", route -> route.weaveById("record-viewers").replace().to("mock:recorded"));
        camel.start();
    }

    @Test
    void onePollAsksEachPolledRoomAndHandsOnTheCounts() throws Exception {
        answer("yt-live-a", 200, "{\"items\":[{\"liveStreamingDetails\":{\"concurrentViewers\":\"1234\"}}]}");
        answer("yt-live-broken", 503, "{\"error\":{\"code\":503}}");
        answer("yt-live-nonsense", 200, "{\"items\":[{\"liveStreamingDetails\":{\"concurrentViewers\":\"1e99\"}}]}");
        answer("yt-live-d", 200, "{\"items\":[{\"liveStreamingDetails\":{\"concurrentViewers\":\"7\"}}]}");
        recorded.expectedMessageCount(2);

        producer.sendBody("direct:poll-now", null);

        recorded.assertIsSatisfied();
        Map<String, Long> counts = recorded.getExchanges().stream().collect(Collectors.toMap(
                e -> e.getMessage().getBody(AudiencePoll.LiveRoom.class).showId(), e -> e.getMessage().getHeader("kitchenViewers", Long.class)));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("show-a", 1234L, "show-d", 7L));
        for (Exchange e : recorded.getExchanges()) {
            assertThat(e.getProperty(AudiencePollRoutes.ASKED_AT, Instant.class)).isNotNull();
        }
        YOUTUBE.verify(getRequestedFor(urlPathEqualTo("/youtube/v3/videos")).withQueryParam("id", equalTo("yt-live-a"))
                .withQueryParam("part", equalTo("liveStreamingDetails")).withHeader("Authorization", equalTo("Bearer youtube-token-SECRET-0006")));
        assertThat(YOUTUBE.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/videos")))).hasSize(4);
        assertThat(YOUTUBE.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().contains("dy-room-a"));
    }

    static void answer(String room, int status, String body) {
        YOUTUBE.stubFor(get(urlPathEqualTo("/youtube/v3/videos")).withQueryParam("id", equalTo(room))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }
}
