package io.centralkitchen.processes.demo;

import io.centralkitchen.processes.CentralKitchenApplication;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.storage.MediaStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's demo, {@code --demo --auto}, with a shorter lead time and shorter slots: the whole show runs by itself
 * on the embedded default — seeded products, teaser, warm-up posts, live to the two in-JVM platforms, cues, clips,
 * publications — and the console says where the clips are.
 */
@Tag("own-application")
@ExtendWith(OutputCaptureExtension.class)
class DemoModeTest {

    private static final Pattern SHOW_ID = Pattern.compile("\\(show (demo-[0-9-]+)\\) airs at");

    @Test
    void theDemoRunsAWholeShowUnattendedAndPrintsWhereTheClipsAre(CapturedOutput output) throws Exception {
        Path dataDir = Path.of("target/test-data/demo-" + UUID.randomUUID());
        // a fixed port: the demo's platform accounts call the application back on it
        int port = LocalRtmpPlatform.freePort();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CentralKitchenApplication.class)
                .run("--demo", "--auto", "--server.port=" + port, "--kitchen.data-dir=" + dataDir,
                        "--kitchen.admin.password=demo-test-admin-7", "--kitchen.demo.lead-time=PT30S",
                        "--kitchen.demo.slot-length=PT5S", "--kitchen.show.warm-up-offsets=PT20S,PT10S")) {
            Matcher planned = SHOW_ID.matcher(output.getOut());
            assertThat(planned.find()).as("the banner names the demo show").isTrue();
            String showId = planned.group(1);
            DemoProperties demo = app.getBean(DemoProperties.class);
            assertThat(demo.getPlatformAKey()).startsWith("demo-a-").isNotEqualTo(demo.getPlatformBKey());
            assertThat(output.getOut()).contains("demo-producer / demo-", "demo-marketer / demo-", "/live/" + showId + "/")
                    .doesNotContain(demo.getPlatformAKey()).doesNotContain(demo.getPlatformBKey());

            await("the demo show clipped and published").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> output.getOut().contains("the show " + showId + " is clipped and published"));

            List<ShowClips.ShowClip> clips = app.getBean(ShowClips.class).ofShow(showId);
            MediaStore store = app.getBean(MediaStore.class);
            assertThat(clips).hasSize(3).allSatisfy(clip -> {
                assertThat(clip.state()).isEqualTo("PUBLISHED");
                assertThat(clip.durationMillis()).isGreaterThan(4_000);
                for (String key : List.of(clip.copyKey(), clip.verticalKey(), clip.landscapeKey(), clip.coverKey())) {
                    assertThat(store.exists(key)).as(key).isTrue();
                }
            });
            String printed = output.getOut().substring(output.getOut().indexOf("is clipped and published"));
            Path vertical = dataDir.toAbsolutePath().resolve("objects").resolve(store.bucket()).resolve(clips.get(0).verticalKey());
            assertThat(printed).contains(vertical.toString());
            assertThat(vertical).isRegularFile();

            DemoPlatformsController platforms = app.getBean(DemoPlatformsController.class);
            for (String platform : List.of("demo-a", "demo-b")) {
                assertThat(platforms.count(platform, "post")).as(platform + " warm-up posts").isEqualTo(2);
                assertThat(platforms.count(platform, "commerce-cue")).as(platform + " cues").isGreaterThanOrEqualTo(3);
                assertThat(platforms.count(platform, "clip")).as(platform + " clips").isEqualTo(3);
            }
            assertThat(printed).containsPattern("platform-a received [1-9][0-9]+ pictures in 1 session")
                    .containsPattern("platform-b received [1-9][0-9]+ pictures in 1 session");
            try (var recorded = Files.list(dataDir.resolve("demo").resolve("platforms"))) {
                assertThat(recorded.filter(f -> f.getFileName().toString().endsWith(".flv"))).hasSize(2);
            }
        }
    }
}
