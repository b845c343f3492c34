package io.centralkitchen.processes.show;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.centralkitchen.processes.demo.LocalRtmpPlatform;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the show tests need in every application the processes tests start (added last: a test's own configuration
 * wins): two RTMP "platforms" in the JVM that the live destinations push to, a preset the test pattern matches (so the
 * engine copies the feed instead of encoding it: little CPU), the platform accounts {@code show-douyin} and
 * {@code show-bilibili} played by a WireMock server of their own, small rendition profiles and a one-second roll.
 * Registered in the test classpath's META-INF/spring.factories.
 */
public class ShowTestSettings implements EnvironmentPostProcessor {

    public static final String DOUYIN_SECRET = "test-show-douyin-webhook-secret";
    private static WireMockServer platforms;
    private static LocalRtmpPlatform douyinIngest;
    private static LocalRtmpPlatform bilibiliIngest;

    public static synchronized WireMockServer platforms() {
        if (platforms == null) {
            platforms = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            platforms.start();
            Runtime.getRuntime().addShutdownHook(new Thread(platforms::stop));
        }
        return platforms;
    }

    /** The RTMP ingest of the test "Douyin" (a 9:16 platform in real life; here it takes the feed as it is). */
    public static synchronized LocalRtmpPlatform douyinIngest() {
        if (douyinIngest == null) {
            douyinIngest = platform("douyin", "show-douyin-" + UUID.randomUUID());
        }
        return douyinIngest;
    }

    public static synchronized LocalRtmpPlatform bilibiliIngest() {
        if (bilibiliIngest == null) {
            bilibiliIngest = platform("bilibili", "show-bilibili-" + UUID.randomUUID());
        }
        return bilibiliIngest;
    }

    private static LocalRtmpPlatform platform(String name, String key) {
        try {
            return new LocalRtmpPlatform("test-" + name, key, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> p = new HashMap<>();
        p.put("kitchen.live.secrets.showdouyin", douyinIngest().url());
        p.put("kitchen.live.secrets.showbilibili", bilibiliIngest().url());
        // by convention a destination's push URL is the secret named like its preset (Tasklist's start form relies on it)
        p.put("kitchen.live.secrets.testsd", douyinIngest().url());
        // the test pattern is 640x360 H.264 with AAC 48 kHz stereo: destinations of this preset get it copied
        p.put("kitchen.live.presets.test-sd.platform", "Test platform");
        p.put("kitchen.live.presets.test-sd.width", "640");
        p.put("kitchen.live.presets.test-sd.height", "360");
        p.put("kitchen.live.presets.test-sd.video-bitrate-kbps", "1000");
        p.put("kitchen.live.presets.test-sd.keyframe-seconds", "1");
        p.put("kitchen.live.presets.test-sd.audio-sample-rate", "48000");
        // the station's HLS in the same profile (copied too): the browser tests play it
        p.put("kitchen.live.presets.test-web.platform", "Test website");
        p.put("kitchen.live.presets.test-web.protocol", "HLS");
        p.put("kitchen.live.presets.test-web.width", "640");
        p.put("kitchen.live.presets.test-web.height", "360");
        p.put("kitchen.live.presets.test-web.video-bitrate-kbps", "1000");
        p.put("kitchen.live.presets.test-web.keyframe-seconds", "1");
        p.put("kitchen.live.presets.test-web.audio-sample-rate", "48000");
        String base = platforms().baseUrl();
        p.put("kitchen.platforms.show-douyin.kind", "douyin");
        p.put("kitchen.platforms.show-douyin.base-url", base + "/douyin");
        p.put("kitchen.platforms.show-douyin.access-token", "test-show-douyin-token-7788");
        p.put("kitchen.platforms.show-douyin.webhook-secret", DOUYIN_SECRET);
        p.put("kitchen.platforms.show-douyin.retries", "1");
        p.put("kitchen.platforms.show-douyin.retry-delay", "10ms");
        p.put("kitchen.platforms.show-bilibili.kind", "bilibili");
        p.put("kitchen.platforms.show-bilibili.base-url", base + "/bilibili");
        p.put("kitchen.platforms.show-bilibili.app-key", "test-bili-app");
        p.put("kitchen.platforms.show-bilibili.access-token", "test-show-bilibili-token-9900");
        p.put("kitchen.platforms.show-bilibili.retries", "1");
        p.put("kitchen.platforms.show-bilibili.retry-delay", "10ms");
        for (String shape : new String[]{"vertical", "landscape"}) {
            String profile = "kitchen.media.profiles.test-" + shape + ".";
            p.put(profile + "width", shape.equals("vertical") ? "180" : "320");
            p.put(profile + "height", shape.equals("vertical") ? "320" : "180");
            p.put(profile + "fit", "crop");
            p.put(profile + "preset", "ultrafast");
            p.put(profile + "keyframe-seconds", "1");
            p.put(profile + "max-bitrate", "400000");
            p.put(profile + "audio-bitrate", "64000");
        }
        p.put("kitchen.show.vertical-profile", "test-vertical");
        p.put("kitchen.show.landscape-profile", "test-landscape");
        p.put("kitchen.show.teaser-seconds-per-product", "2");
        p.put("kitchen.show.pre-roll", "1s");
        p.put("kitchen.show.post-roll", "1s");
        // the tests' shows are small and copied; a worker's measured capacity (docs/production.md) is not what they test
        p.put("kitchen.live.capacity.units", "16");
        environment.getPropertySources().addLast(new MapPropertySource("kitchenShowTestSettings", p));
    }
}
