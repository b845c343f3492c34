package io.centralkitchen.media.live;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One field of a preset set in configuration changes that field only; a new preset starts from custom-rtmp. */
class PresetPropertiesTest {

    static Map<String, PlatformPreset> presets(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("kitchen.live", LiveProperties.class)
                .orElseGet(LiveProperties::new).platformPresets();
    }

    @Test
    void overridingOneFieldKeepsTheRestOfTheBuiltInPreset() {
        Map<String, PlatformPreset> builtIn = presets(Map.of());
        Map<String, PlatformPreset> changed = presets(Map.of("kitchen.live.presets.website.width", "1920",
                "kitchen.live.presets.douyin.video-bitrate-kbps", "4000"));

        PlatformPreset website = changed.get("website");
        assertThat(website.protocol()).as("the website stays HLS").isEqualTo(Protocol.HLS);
        assertThat(website.profile().width()).isEqualTo(1920);
        assertThat(website.profile().height()).isEqualTo(builtIn.get("website").profile().height());
        assertThat(website.platform()).isEqualTo(builtIn.get("website").platform());
        PlatformPreset douyin = changed.get("douyin");
        assertThat(douyin.profile().videoBitrateKbps()).isEqualTo(4000);
        assertThat(douyin.profile().width()).as("still vertical").isEqualTo(720);
        assertThat(douyin.profile().height()).isEqualTo(1280);
        assertThat(douyin.profile().audioSampleRate()).isEqualTo(builtIn.get("douyin").profile().audioSampleRate());
        assertThat(changed.get("bilibili")).as("the others untouched").isEqualTo(builtIn.get("bilibili"));
    }

    @Test
    void aNewPresetStartsFromCustomRtmp() {
        PlatformPreset weibo = presets(Map.of("kitchen.live.presets.weibo.height", "1280",
                "kitchen.live.presets.weibo.width", "720")).get("weibo");
        assertThat(weibo.platform()).isEqualTo("weibo");
        assertThat(weibo.protocol()).isEqualTo(Protocol.RTMP);
        assertThat(weibo.profile().width()).isEqualTo(720);
        assertThat(weibo.profile().keyframeSeconds()).isEqualTo(2);
    }

    @Test
    void latencyIsChosenPerPresetLowForThePlatformsLookAheadForTheWebsite() {
        Map<String, PlatformPreset> builtIn = presets(Map.of());
        assertThat(builtIn.values()).filteredOn(p -> !p.name().equals("website"))
                .allMatch(p -> p.profile().lowLatency(), "low latency where viewers talk to the host");
        assertThat(builtIn.get("website").profile().latency()).isEqualTo(OutputProfile.NORMAL_LATENCY);
        PlatformPreset youtube = presets(Map.of("kitchen.live.presets.youtube.latency", "normal")).get("youtube");
        assertThat(youtube.profile().lowLatency()).isFalse();
        assertThat(youtube.profile().width()).isEqualTo(1280);

        var low = io.centralkitchen.media.ffmpeg.H264Settings.live("veryfast", 3_000_000, 50, true).options();
        var lookahead = io.centralkitchen.media.ffmpeg.H264Settings.live("veryfast", 3_000_000, 50, false).options();
        assertThat(low).containsEntry("tune", "zerolatency");
        assertThat(lookahead).doesNotContainKey("tune").containsEntry("sc_threshold", "0");
    }
}
