package io.centralkitchen.media.live;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.centralkitchen.storage.EmbeddedS3Server;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StorageSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One show on air through the whole engine, over real RTMP on 127.0.0.1: a studio publisher (the test pattern, in real
 * time) into the platform's RTMP ingest, FFmpeg RTMP listeners as platforms, the recording into a real S3 server.
 * The phases build on one running show (one start-up for the CPU budget) and each asserts its own behaviour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulcastTest {

    static final String SHOW = "harvest-live";
    static final String INGEST_KEY = "studio-key-9f8e7d6c5b4a";
    static final OutputProfile LANDSCAPE = new OutputProfile(320, 180, 300, 1, "aac", 48000, 96, "crop");
    static final OutputProfile PORTRAIT = new OutputProfile(180, 320, 300, 1, "aac", 48000, 96, "crop");
    static final OutputProfile AS_INGEST = new OutputProfile(640, 360, 2000, 1, "aac", 48000, 128, "crop");

    Path dir;
    EmbeddedS3Server s3;
    MediaStore store;
    LiveEngine engine;
    LiveShow show;
    StudioPublisher studio;
    final List<RtmpReceiver> receivers = new ArrayList<>();
    RtmpReceiver bilibili, youtube, douyin, extra;
    final Map<String, String> secrets = new java.util.HashMap<>();
    final List<RecordingSegment> segments = new CopyOnWriteArrayList<>();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    void goLive() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        logs.start();
        dir = Files.createTempDirectory(Path.of("target"), "simulcast");
        s3 = EmbeddedS3Server.start(dir.resolve("s3"), 0);
        store = MediaStore.connect(StorageSettings.of(s3.endpoint(), s3.accessKey(), s3.secretKey(), "live-test", dir.resolve("spool")));
        bilibili = receiver("bili-key-0a1b2c3d4e5f");
        youtube = receiver("yt-key-1122334455667788");
        douyin = receiver("douyin-key-aabbccddeeff0011");
        extra = receiver("taobao-key-99887766554433");
        secrets.put("studio", INGEST_KEY);
        secrets.put("bilibili", bilibili.url);
        secrets.put("youtube", youtube.url);
        secrets.put("douyin", douyin.url);
        secrets.put("taobao", extra.url);
        Map<String, PlatformPreset> presets = Map.of(
                "bilibili", new PlatformPreset("bilibili", "Bilibili", Protocol.RTMP, LANDSCAPE),
                "youtube", new PlatformPreset("youtube", "YouTube", Protocol.RTMP, LANDSCAPE),
                "douyin", new PlatformPreset("douyin", "Douyin", Protocol.RTMP, PORTRAIT),
                "taobao", new PlatformPreset("taobao", "Taobao Live", Protocol.RTMP, AS_INGEST));
        LiveSettings settings = LiveSettings.defaults(dir.resolve("hls")).withX264Preset("ultrafast")
                .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(2), 50, Duration.ofSeconds(5))
                .withSegmentLength(Duration.ofSeconds(2));
        engine = new LiveEngine(settings, presets, new LiveSecrets(secrets), store, dir, "127.0.0.1",
                RtmpReceiver.freePort(), "live", "127.0.0.1");
        engine.addListener(new LiveListener() {
            @Override
            public void segmentStored(RecordingSegment segment) {
                segments.add(segment);
            }
        });
        show = engine.start(new ShowSpec("station-1", SHOW, "Harvest festival", new IngestSpec(IngestSpec.Mode.PUBLISH, "studio", null),
                List.of(new DestinationSpec("bilibili", "bilibili", "bilibili"), new DestinationSpec("youtube", "youtube", "youtube"),
                        new DestinationSpec("douyin", "douyin", "douyin")), true));
        studio = new StudioPublisher(ingestUrl(INGEST_KEY));
    }

    String ingestUrl(String key) {
        return "rtmp://127.0.0.1:" + engine.ingestPort().orElseThrow() + "/live/" + key;
    }

    RtmpReceiver receiver(String key) throws Exception {
        RtmpReceiver r = new RtmpReceiver(key);
        if (!key.startsWith("taobao")) {
            r.start();
        }
        receivers.add(r);
        return r;
    }

    @Test
    @Order(1)
    void threeDestinationsWithTwoProfilesShareTwoEncoders() {
        // the slate plays from the start; wait for the studio feed on every destination
        await().atMost(Duration.ofSeconds(40)).until(() -> show.stats().state().equals("LIVE")
                && bilibili.count() > 50 && youtube.count() > 50 && douyin.count() > 50
                && !RtmpReceiver.isSlate(bilibili.last().cornerYuv()) && !RtmpReceiver.isSlate(youtube.last().cornerYuv())
                && !RtmpReceiver.isSlate(douyin.last().cornerYuv()));

        assertThat(bilibili.last().width()).isEqualTo(320);
        assertThat(bilibili.last().height()).isEqualTo(180);
        assertThat(youtube.last().width()).isEqualTo(320);
        assertThat(douyin.last().width()).isEqualTo(180);
        assertThat(douyin.last().height()).isEqualTo(320);
        assertThat(RtmpReceiver.isSlate(bilibili.last().cornerYuv())).as("the studio feed, not the slate").isFalse();
        ShowStats stats = show.stats();
        assertThat(stats.encoders()).isEqualTo(2);
        assertThat(stats.state()).isEqualTo("LIVE");
        assertThat(stats.destinations()).extracting(DestinationStats::state).containsOnly("LIVE");
    }

    @Test
    @Order(2)
    void aWrongIngestKeyIsRefusedAndTheShowGoesOn() {
        int before = bilibili.count();
        long switches = show.stats().sourceSwitches();

        Throwable refused = StudioPublisher.tryPublish(ingestUrl("not-the-key-000000"));
        Throwable second = StudioPublisher.tryPublish(ingestUrl(INGEST_KEY)); // the show already has its publisher

        assertThat(refused).isNotNull();
        assertThat(second).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> bilibili.count() > before + 50);
        assertThat(show.stats().sourceSwitches()).isEqualTo(switches);
        assertThat(show.stats().state()).isEqualTo("LIVE");
        assertThat(studio.failure()).isNull();
    }

    @Test
    @Order(3)
    void aDeadDestinationStallsNobodyAndReconnectsWhenItReturns() {
        long killedAt = System.nanoTime();
        long lastBeforeKill = douyin.last().timestampMillis();
        int bilibiliBefore = bilibili.count();
        int youtubeBefore = youtube.count();
        int segmentsBefore = segments.size();
        douyin.kill();

        await().atMost(Duration.ofSeconds(30)).until(() -> System.nanoTime() - killedAt > 10_000_000_000L
                && !show.destinationStats("douyin").state().equals("LIVE"));
        douyin.revive();
        await().atMost(Duration.ofSeconds(20)).until(() -> show.destinationStats("douyin").reconnects() >= 1
                && douyin.last().timestampMillis() > lastBeforeKill + 10_000);

        assertContinuous(bilibili.pictures().subList(bilibiliBefore, bilibili.count()));
        assertContinuous(youtube.pictures().subList(youtubeBefore, youtube.count()));
        assertThat(bilibili.count() - bilibiliBefore).as("pictures while douyin was away").isGreaterThan(250);
        assertThat(show.destinationStats("bilibili").reconnects()).isZero();
        assertThat(show.destinationStats("douyin").lastError()).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> segments.size() >= segmentsBefore + 5);
        assertContiguous(segments);
    }

    @Test
    @Order(4)
    void whenTheStudioFeedDropsTheSlateKeepsEveryDestinationOpen() throws Exception {
        int sessionsBefore = bilibili.sessions() + youtube.sessions() + douyin.sessions();
        long reconnectsBefore = reconnects();
        studio.close();
        long droppedAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(10)).until(() -> show.stats().state().equals("SLATE")
                && RtmpReceiver.isSlate(bilibili.last().cornerYuv()) && RtmpReceiver.isSlate(douyin.last().cornerYuv()));
        int duringSlate = bilibili.count();
        await().atMost(Duration.ofSeconds(15)).until(() -> System.nanoTime() - droppedAt > 5_000_000_000L);
        assertThat(bilibili.count() - duringSlate).as("slate pictures keep coming").isGreaterThan(50);
        assertThat(RtmpReceiver.isSlate(youtube.last().cornerYuv())).isTrue();

        int beforeReturn = bilibili.count();
        studio = new StudioPublisher(ingestUrl(INGEST_KEY));
        await().atMost(Duration.ofSeconds(20)).until(() -> show.stats().state().equals("LIVE")
                && !RtmpReceiver.isSlate(bilibili.last().cornerYuv()) && !RtmpReceiver.isSlate(douyin.last().cornerYuv()));

        assertContinuous(bilibili.pictures().subList(beforeReturn - 100, bilibili.count()));
        assertThat(bilibili.sessions() + youtube.sessions() + douyin.sessions()).as("no destination reconnected")
                .isEqualTo(sessionsBefore);
        assertThat(reconnects()).isEqualTo(reconnectsBefore);
    }

    @Test
    @Order(5)
    void destinationsComeAndGoWhileLiveWithoutTouchingTheOthers() {
        int youtubeSessions = youtube.sessions();
        extra.start();
        show.addDestination(new DestinationSpec("taobao", "taobao", "taobao"));

        await().atMost(Duration.ofSeconds(20)).until(() -> extra.count() > 25);
        assertThat(extra.last().width()).isEqualTo(640);
        assertThat(show.encoders()).as("the ingest already matches taobao's profile: copied, not encoded").isEqualTo(2);

        show.removeDestination("bilibili");
        int bilibiliAfter = bilibili.count();
        int youtubeNow = youtube.count();
        int douyinNow = douyin.count();
        await().atMost(Duration.ofSeconds(10)).until(() -> youtube.count() > youtubeNow + 50 && douyin.count() > douyinNow + 50);
        assertThat(bilibili.count()).isLessThanOrEqualTo(bilibiliAfter + 30);
        assertThat(show.destinationIds()).containsExactly("youtube", "douyin", "taobao");
        assertThat(show.encoders()).isEqualTo(2);
        assertThat(youtube.sessions()).isEqualTo(youtubeSessions);
        assertContinuous(youtube.pictures().subList(youtubeNow, youtube.count()));
    }

    @Test
    @Order(6)
    void aCopiedDestinationAlsoGetsTheSlateAndComesBackWithoutReconnecting() throws Exception {
        int sessions = extra.sessions();
        studio.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> RtmpReceiver.isSlate(extra.last().cornerYuv()));
        assertThat(show.encoders()).as("the slate is encoded for the copied profile too").isEqualTo(3);
        int beforeReturn = extra.count();
        studio = new StudioPublisher(ingestUrl(INGEST_KEY));
        await().atMost(Duration.ofSeconds(20)).until(() -> !RtmpReceiver.isSlate(extra.last().cornerYuv()));

        assertThat(extra.sessions()).isEqualTo(sessions);
        assertThat(extra.last().width()).isEqualTo(640);
        assertContinuous(extra.pictures().subList(beforeReturn - 50, extra.count()));
        await().atMost(Duration.ofSeconds(10)).until(() -> show.encoders() == 2);
    }

    @Test
    @Order(7)
    void noStreamKeyAppearsInLogsStatsOrErrors() throws Exception {
        String statsJson = new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(show.stats());
        StringBuilder everything = new StringBuilder(statsJson);
        for (ILoggingEvent event : new ArrayList<>(logs.list)) {
            everything.append('\n').append(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                everything.append(event.getThrowableProxy().getMessage());
            }
        }
        assertThat(logs.list).isNotEmpty();
        for (String secret : secrets.values()) {
            String key = secret.substring(secret.lastIndexOf('/') + 1);
            assertThat(everything.toString()).doesNotContain(key);
        }
        assertThat(statsJson).contains("****");
    }

    @AfterAll
    void endShow() throws Exception {
        try {
            if (studio != null) {
                studio.close();
            }
            RecordingManifest manifest = engine.stop(SHOW);
            assertThat(manifest.segments()).isNotEmpty();
            for (RecordingSegment segment : manifest.segments()) {
                assertThat(store.verify(segment.key()).sha256()).isEqualTo(segment.sha256());
            }
            assertThat(store.exists(manifest.key())).isTrue();
        } finally {
            engine.close();
            for (RtmpReceiver r : receivers) {
                r.close();
            }
            store.close();
            s3.close();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        }
    }

    long reconnects() {
        return show.stats().destinations().stream().mapToLong(DestinationStats::reconnects).sum();
    }

    /** Pictures follow each other in stream time without a gap (25 fps: 40 ms apart; allow one lost picture). */
    static void assertContinuous(List<RtmpReceiver.Picture> pictures) {
        assertThat(pictures).hasSizeGreaterThan(10);
        for (int i = 1; i < pictures.size(); i++) {
            long step = pictures.get(i).timestampMillis() - pictures.get(i - 1).timestampMillis();
            assertThat(step).as("stream time step at picture %d", i).isBetween(1L, 100L);
        }
    }

    /** Each stored segment starts where the one before ended (within a frame). */
    static void assertContiguous(List<RecordingSegment> stored) {
        List<RecordingSegment> sorted = stored.stream().sorted((a, b) -> Integer.compare(a.sequence(), b.sequence())).toList();
        for (int i = 1; i < sorted.size(); i++) {
            RecordingSegment previous = sorted.get(i - 1);
            assertThat(sorted.get(i).sequence()).isEqualTo(previous.sequence() + 1);
            assertThat(sorted.get(i).streamStartMillis() - (previous.streamStartMillis() + previous.durationMillis()))
                    .as("gap before segment %d", sorted.get(i).sequence()).isBetween(-50L, 50L);
        }
    }
}
