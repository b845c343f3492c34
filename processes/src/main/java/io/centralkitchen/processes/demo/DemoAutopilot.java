package io.centralkitchen.processes.demo;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowLinks;
import io.centralkitchen.processes.show.ShowReports;
import io.centralkitchen.processes.show.ShowService;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.storage.MediaStore;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code --demo --auto}: plays the producer and the marketer, through the same services and tasks people use — the
 * teaser is approved, the show goes live at its air time, each product is on air for a while, the show ends, every
 * clip is approved — and prints where the clips are.
 */
@Component
@ConditionalOnProperty(name = "kitchen.demo.enabled", havingValue = "true")
public class DemoAutopilot {

    private static final Logger log = LoggerFactory.getLogger(DemoAutopilot.class);

    private final DemoProperties properties;
    private final TaskService taskService;
    private final ShowService showService;
    private final Shows shows;
    private final ShowClips clips;
    private final ShowReports reports;
    private final ShowLinks links;
    private final LiveEngine live;
    private final MediaStore store;
    private final Environment environment;
    private final ApplicationContext context;


    public DemoAutopilot(DemoProperties properties, TaskService taskService, ShowService showService, Shows shows, ShowClips clips,
                         ShowReports reports, ShowLinks links, LiveEngine live, MediaStore store, Environment environment,
                         ApplicationContext context) {
        this.properties = properties;
        this.taskService = taskService;
        this.showService = showService;
        this.shows = shows;
        this.clips = clips;
        this.reports = reports;
        this.links = links;
        this.live = live;
        this.store = store;
        this.environment = environment;
        this.context = context;
    }

    public void fly(Show show, Map<String, LocalRtmpPlatform> platforms) {
        Thread pilot = new Thread(() -> {
            try {
                run(show, platforms);
            } catch (Exception e) {
                log.error("Demo autopilot stopped: {}", e.getMessage(), e);
            }
        }, "demo-autopilot");
        pilot.setDaemon(true);
        pilot.start();
    }

    private void run(Show show, Map<String, LocalRtmpPlatform> platforms) throws Exception {
        String id = show.id();
        say("waiting for the teaser (rendered by the media worker)");
        complete(id, "review-teaser", Map.of("teaserDecision", "approve", "teaserComment", "Approved by the demo autopilot"));
        say("teaser approved; warm-up posts go out before air; the show airs at " + show.airTime());
        waitFor("the show to go live", show.airTime().plus(Duration.ofMinutes(2)),
                () -> live.show(id).map(s -> "LIVE".equals(s.stats().state())).orElse(false));
        for (int slot = 1; slot <= shows.slots(id).size(); slot++) {
            Instant until = Instant.now().plus(properties.getSlotLength());
            showService.startSlot(shows.require(id), slot, "demo-autopilot");
            say("product " + slot + " on air (pinned, flash sale as planned) on every platform");
            waitFor("the slot to run", until.plusSeconds(5), () -> Instant.now().isAfter(until));
        }
        showService.end(shows.require(id));
        say("show ended; the recording is sealed and every product is clipped");
        waitFor("the clips to be reviewed", Instant.now().plus(Duration.ofMinutes(15)), () -> clipReviews(id) == shows.slots(id).size());
        for (Task review : taskService.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("review-clip").list()) {
            taskService.complete(review.getId(), Map.of("clipDecision", "approve"));
        }
        waitFor("the clips to be published", Instant.now().plus(Duration.ofMinutes(5)),
                () -> clips.ofShow(id).stream().allMatch(c -> "PUBLISHED".equals(c.state())));
        print(id, platforms);
        if (properties.isExitAfterAuto()) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }

    private long clipReviews(String showId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(showId).taskDefinitionKey("review-clip").count();
    }

    private void complete(String showId, String taskKey, Map<String, Object> variables) {
        waitFor(taskKey, Instant.now().plus(Duration.ofMinutes(10)), () -> taskService.createTaskQuery()
                .processInstanceBusinessKey(showId).taskDefinitionKey(taskKey).count() > 0);
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(showId).taskDefinitionKey(taskKey).list().get(0);
        taskService.complete(task.getId(), variables);
    }

    private void print(String showId, Map<String, LocalRtmpPlatform> platforms) {
        StringBuilder out = new StringBuilder("\n=====================================================================================\n")
                .append(" Central Kitchen demo: the show ").append(showId).append(" is clipped and published\n");
        Path objects = Path.of(environment.getProperty("kitchen.resolved-data-dir", "./data-demo"), "objects", store.bucket());
        for (ShowClips.ShowClip clip : clips.ofShow(showId)) {
            out.append("   clip ").append(clip.id()).append(" (product ").append(clip.productId()).append(", ")
                    .append(clip.durationMillis() / 1000.0).append(" s, ").append(clip.state()).append(")\n");
            for (String key : new String[]{clip.currentKey(), clip.verticalKey(), clip.landscapeKey(), clip.coverKey()}) {
                Path file = objects.resolve(key);
                out.append("     ").append(Files.exists(file) ? file.toAbsolutePath().toString() : key).append('\n');
            }
            out.append("     9:16 for 7 days: ").append(links.published(clip.verticalKey())).append('\n');
        }
        platforms.forEach((name, platform) -> out.append("   ").append(name).append(" received ").append(platform.videoPackets())
                .append(" pictures in ").append(platform.sessions()).append(" session(s), kept in ").append(platform.directory()).append('\n'));
        ShowReports.Report report = reports.compile(showId);
        out.append("   report: ").append(report.totals().clipPublications()).append(" clip publications, ")
                .append(report.publications()).append('\n')
                .append("=====================================================================================\n");
        System.out.println(out);
    }

    private static void say(String what) {
        log.info("Demo autopilot: {}", what);
    }

    /** Polls until the condition holds (the demo drives a live system: things take their real time). */
    private static void waitFor(String what, Instant deadline, BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Gave up waiting for " + what);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what);
            }
        }
    }
}
