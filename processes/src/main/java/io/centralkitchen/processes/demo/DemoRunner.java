package io.centralkitchen.processes.demo;

import io.centralkitchen.processes.show.ShowPlan;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.engine.KitchenProperties;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.plan.ShowPlanner;
import io.centralkitchen.processes.show.ShowService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The demonstration ({@code --demo}): once the platform is up, two RTMP "platforms" listen in the JVM, a producer and a
 * marketer get accounts (passwords printed), a public-welfare supplier's three products are approved, and a show with
 * the test pattern as its studio feed is planned a few minutes ahead — everything else is the real flow, walked in
 * Tasklist or, with {@code --auto}, by {@link DemoAutopilot}.
 */
@Component
@ConditionalOnProperty(name = "kitchen.demo.enabled", havingValue = "true")
public class DemoRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);
    static final String PRODUCER = "demo-producer";
    static final String MARKETER = "demo-marketer";

    private final DemoProperties properties;
    private final KitchenProperties kitchen;
    private final IdentityService identityService;
    private final DemoCatalogue catalogue;
    private final ShowService shows;
    private final DemoAutopilot autopilot;
    private final Environment environment;
    private LocalRtmpPlatform platformA;
    private LocalRtmpPlatform platformB;

    public DemoRunner(DemoProperties properties, KitchenProperties kitchen, IdentityService identityService,
                      DemoCatalogue catalogue, ShowService shows, DemoAutopilot autopilot, Environment environment) {
        this.properties = properties;
        this.kitchen = kitchen;
        this.identityService = identityService;
        this.catalogue = catalogue;
        this.shows = shows;
        this.autopilot = autopilot;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() throws Exception {
        String station = kitchen.getStation().getId();
        Path dataDir = Path.of(environment.getProperty("kitchen.resolved-data-dir", "./data-demo"));
        Path recordings = dataDir.resolve("demo").resolve("platforms");
        platformA = new LocalRtmpPlatform("platform-a", properties.getPlatformAPort(), properties.getPlatformAKey(), recordings);
        platformB = new LocalRtmpPlatform("platform-b", properties.getPlatformBPort(), properties.getPlatformBKey(), recordings);
        String producerPassword = person(PRODUCER, KitchenGroups.PRODUCERS, station);
        String marketerPassword = person(MARKETER, KitchenGroups.MARKETERS, station);
        List<Long> products = catalogue.seed(station, "Hengshan Tea & Fruit Co-op", "Hengshan", DemoCatalogue.HARVEST,
                dataDir.resolve("tmp").resolve("demo"));
        String id = "demo-" + DateTimeFormatter.ofPattern("MMdd-HHmm").withZone(ZoneId.systemDefault()).format(Instant.now());
        Instant airTime = Instant.now().plus(properties.getLeadTime());
        Show show = shows.create(new ShowPlan(id, station, "Harvest festival (demo)", airTime.toString(),
                List.of("Li Na", "Wang Lei"), new ShowPlan.Ingest("TEST_PATTERN", null), List.of(
                new ShowPlan.Destination("platform-a", "demo-sd", "demoa", "demo-a", "room-a"),
                new ShowPlan.Destination("platform-b", "demo-sd", "demob", "demo-b", "room-b"),
                new ShowPlan.Destination("website", "website", null, null, null)), List.of(
                new ShowPlan.Slot(products.get(0), null, null, null),
                new ShowPlan.Slot(products.get(1), null, new java.math.BigDecimal("55.00"),
                        new ShowPlan.FlashSale(new java.math.BigDecimal("49.90"), 100)),
                new ShowPlan.Slot(products.get(2), null, null, null))), "demo").show();
        banner(show, producerPassword, marketerPassword, recordings);
        if (properties.isAuto()) {
            autopilot.fly(show, Map.of("platform-a", platformA, "platform-b", platformB));
        }
    }

    /** A demo account with a fresh password (printed: the demo's accounts are for trying things out). */
    private String person(String id, String group, String station) {
        String password = password();
        User user = identityService.createUserQuery().userId(id).singleResult();
        if (user == null) {
            user = identityService.newUser(id);
            user.setFirstName(id);
            user.setLastName("Demo");
            user.setPassword(password);
            identityService.saveUser(user);
            identityService.createMembership(id, group);
            identityService.createTenantUserMembership(station, id);
        } else {
            user.setPassword(password);
            identityService.saveUser(user);
        }
        return password;
    }

    private static String password() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder("demo-");
        for (int i = 0; i < 8; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private void banner(Show show, String producerPassword, String marketerPassword, Path recordings) {
        String base = "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String air = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()).format(show.airTime());
        String text = """

                =====================================================================================
                 Central Kitchen demo: "%s" (show %s) airs at %s
                   Tasklist   %s/camunda/app/tasklist/     Cockpit  %s/camunda/app/cockpit/
                   producer   %s / %s   (Tasklist filter "Producers")
                   marketer   %s / %s   (Tasklist filter "Marketers")
                   player     %s/live/%s/   (the station's site, from air time)
                   platforms  %s and %s, recorded to %s
                              their posts, commerce cues and clips: %s/demo/platforms
                   show       curl -u %s:%s %s/api/shows/%s
                 %s
                =====================================================================================
                """.formatted(show.title(), show.id(), air, base, base, PRODUCER, producerPassword, MARKETER, marketerPassword,
                base, show.id(), platformA.url().replaceAll("/[^/]+$", "/…"), platformB.url().replaceAll("/[^/]+$", "/…"),
                recordings.toAbsolutePath(), base, PRODUCER, producerPassword, base, show.id(),
                properties.isAuto() ? "--auto: the show runs by itself; the clips are printed at the end."
                        : "Walk it: as the marketer review the teaser; at air time, as the producer, put the products on air"
                        + "\n and end the show in the task \"On air\"; as the marketer review the clips. docs/show.md has the details.");
        System.out.println(text);
        log.info("Demo show {} planned for {}", show.id(), show.airTime());
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (platformA != null) {
            platformA.close();
        }
        if (platformB != null) {
            platformB.close();
        }
    }
}
