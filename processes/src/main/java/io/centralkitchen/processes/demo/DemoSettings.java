package io.centralkitchen.processes.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code --demo} (or the profile {@code demo}): the settings of the demonstration, below the environment and the
 * command line (which still win) and above application.yml — its own data directory, two RTMP "platforms" in the JVM on
 * free ports, the station's site over HLS, platform accounts answered by the application itself, warm-up posts a
 * minute or two before air, and renditions light enough for a laptop. {@code --auto} runs the whole show unattended.
 */
@Order(Ordered.LOWEST_PRECEDENCE - 10) // before DataDirEnvironment reads the data directory
public class DemoSettings implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty("demo") && !Arrays.asList(environment.getActiveProfiles()).contains("demo")) {
            return;
        }
        int port = Integer.parseInt(environment.getProperty("server.port", "8080"));
        Map<String, Object> p = new HashMap<>();
        p.put("kitchen.demo.enabled", "true");
        p.put("kitchen.demo.auto", String.valueOf(environment.containsProperty("auto")));
        p.put("kitchen.data-dir", "./data-demo");
        try {
            p.put("kitchen.demo.platform-a-port", LocalRtmpPlatform.freePort());
            p.put("kitchen.demo.platform-b-port", LocalRtmpPlatform.freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // stream keys made up at each start (a key is a secret, never a constant in code); the platforms accept them
        String keyA = environment.getProperty("kitchen.demo.platform-a-key", "demo-a-" + UUID.randomUUID());
        String keyB = environment.getProperty("kitchen.demo.platform-b-key", "demo-b-" + UUID.randomUUID());
        p.put("kitchen.demo.platform-a-key", keyA);
        p.put("kitchen.demo.platform-b-key", keyB);
        p.put("kitchen.live.secrets.demoa", "rtmp://127.0.0.1:" + p.get("kitchen.demo.platform-a-port") + "/live/" + keyA);
        p.put("kitchen.live.secrets.demob", "rtmp://127.0.0.1:" + p.get("kitchen.demo.platform-b-port") + "/live/" + keyB);
        // one light profile (640x360, 1 s keyframes, AAC 48 kHz) shared by both platforms and the site: one encoder runs
        for (String preset : new String[]{"demo-sd", "website"}) {
            p.put("kitchen.live.presets." + preset + ".width", "640");
            p.put("kitchen.live.presets." + preset + ".height", "360");
            p.put("kitchen.live.presets." + preset + ".video-bitrate-kbps", "1000");
            p.put("kitchen.live.presets." + preset + ".keyframe-seconds", "1");
            p.put("kitchen.live.presets." + preset + ".audio-sample-rate", "48000");
        }
        p.put("kitchen.live.presets.demo-sd.platform", "Local demo platform");
        p.put("kitchen.live.presets.website.protocol", "HLS");
        p.put("kitchen.live.presets.website.platform", "Station website (HLS)");
        for (String platform : new String[]{"demo-a", "demo-b"}) {
            p.put("kitchen.platforms." + platform + ".kind", "webhook");
            p.put("kitchen.platforms." + platform + ".base-url", "http://127.0.0.1:" + port + "/demo/platforms/" + platform);
            p.put("kitchen.platforms." + platform + ".app-secret", UUID.randomUUID().toString());
        }
        p.put("kitchen.show.warm-up-offsets", "PT2M,PT1M");
        p.put("kitchen.show.pre-roll", "1s");
        p.put("kitchen.show.post-roll", "1s");
        p.put("kitchen.show.vertical-profile", "demo-vertical");
        p.put("kitchen.show.landscape-profile", "demo-landscape");
        p.put("kitchen.media.profiles.demo-vertical.width", "360");
        p.put("kitchen.media.profiles.demo-vertical.height", "640");
        p.put("kitchen.media.profiles.demo-vertical.fit", "crop");
        p.put("kitchen.media.profiles.demo-vertical.max-bitrate", "1200000");
        p.put("kitchen.media.profiles.demo-landscape.width", "640");
        p.put("kitchen.media.profiles.demo-landscape.height", "360");
        p.put("kitchen.media.profiles.demo-landscape.max-bitrate", "1200000");
        MapPropertySource demo = new MapPropertySource("kitchenDemo", p);
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, demo);
        } else {
            environment.getPropertySources().addFirst(demo);
        }
    }
}
