package io.centralkitchen.routes;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.centralkitchen.routes.test.RoutesTestApplication;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

/**
 * One application context for the route tests of this module: the routes on H2, every platform of the test
 * configuration played by one WireMock server (the real platforms cannot be reached from here; the request and answer
 * shapes are those each adapter documents).
 */
@CamelSpringBootTest
@SpringBootTest(classes = RoutesTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RoutesTestBase {

    protected static final WireMockServer PLATFORMS = startPlatforms();
    static final List<String> PLATFORM_IDS = List.of("douyin", "kuaishou", "wechat-channels", "taobao-live", "bilibili",
            "youtube", "own-shop", "flaky", "slow", "limited");

    private static WireMockServer startPlatforms() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    /** Each platform under its own path prefix, so one WireMock tells their requests apart. */
    @DynamicPropertySource
    static void platformUrls(DynamicPropertyRegistry registry) {
        for (String id : PLATFORM_IDS) {
            registry.add("kitchen.platforms." + id + ".base-url", () -> PLATFORMS.baseUrl() + "/" + id);
        }
    }
}
