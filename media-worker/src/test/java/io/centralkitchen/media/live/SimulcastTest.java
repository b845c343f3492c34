package io.centralkitchen.media.live;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.storage.EmbeddedS3Server;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StorageSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One show on air through the whole engine, over real RTMP on 127.0.0.1: a studio publisher (the test signal, in real
 * time) into the platform's RTMP ingest, RTMP sinks as platforms, the recording into a real S3 server. Each test puts
 * its own show on air ({@link OnAir}) with the destinations it needs; only the profiles and keys below are shared.
 */
class SimulcastTest {

    static final String SHOW = "harvest-live";
    static final String INGEST_KEY = "studio-key-9f8e7d6c5b4a";
    static final OutputProfile LANDSCAPE = new OutputProfile(320, 180, 300, 1, "aac", 48000, 96, "crop");
    static final OutputProfile PORTRAIT = new OutputProfile(180, 320, 300, 1, "aac", 48000, 96, "crop");
    static final OutputProfile AS_INGEST = new OutputProfile(640, 360, 2000, 1, "aac", 48000, 128, "crop");
    static final Map<String, PlatformPreset> PRESETS = Map.of(
            "bilibili", new PlatformPreset("bilibili", "Bilibili", Protocol.RTMP, LANDSCAPE),
            "youtube", new PlatformPreset("youtube", "YouTube", Protocol.RTMP, LANDSCAPE),
            "douyin", new PlatformPreset("douyin", "Douyin", Protocol.RTMP, PORTRAIT),
            "taobao", new PlatformPreset("taobao", "Taobao Live", Protocol.RTMP, AS_INGEST));
    static final Map<String, String> PLATFORM_KEYS = Map.of("bilibili", "bili-key-0a1b2c3d4e5f",
            "youtube", "yt-key-1122334455667788", "douyin", "douyin-key-aabbccddeeff0011", "taobao", "taobao-key-99887766554433");

    @TempDir
    Path dir;
    OnAir onAir;

    /**
     * A show on air: its own S3 server and store, a platform (RTMP sink) per preset — listening only for those named —,
     * an engine, the show with {@code destinations}, and the studio publishing. Logs are collected while it runs.
     */
    final class OnAir implements AutoCloseable {
        final EmbeddedS3Server s3;
        final MediaStore store;
        final Map<String, RtmpReceiver> platforms = new HashMap<>();
        final Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();
        final List<RecordingSegment> segments = new CopyOnWriteArrayList<>();
        final ListAppender<ILoggingEvent> logs = new ListAppender<>();
        final LiveEngine engine;
        final LiveShow show;
        StudioPublisher studio;

        OnAir(List<String> destinations, List<String> listening) throws Exception {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
            logs.start();
            s3 = EmbeddedS3Server.start(dir.resolve("s3"), 0);
            store = MediaStore.connect(StorageSettings.of(s3.endpoint(), s3.accessKey(), s3.secretKey(), "live-test",
                    dir.resolve("spool")));
            secrets.put("studio", INGEST_KEY);
            for (var platform : PLATFORM_KEYS.entrySet()) {
                RtmpReceiver receiver = new RtmpReceiver(platform.getValue());
                if (listening.contains(platform.getKey())) {
                    receiver.start();
                }
                platforms.put(platform.getKey(), receiver);
                secrets.put(platform.getKey(), receiver.url);
            }
            LiveSettings settings = LiveSettings.defaults(dir.resolve("hls")).withX264Preset("ultrafast")
                    .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(2), 50, Duration.ofSeconds(5))
                    .withSegmentLength(Duration.ofSeconds(2));
            engine = new LiveEngine(settings, PRESETS, new LiveSecrets(secrets), store, dir, "127.0.0.1",
                    RtmpReceiver.freePort(), "live", "127.0.0.1");
            engine.addListener(new LiveListener() {
                @Override
                public void segmentStored(RecordingSegment segment) {
                    segments.add(segment);
                }
            });
            // the show's secrets are looked up at each use, as a station's vault is: a rotation reaches the next reconnect
            show = engine.start(new ShowSpec("station-1", SHOW, "Harvest festival",
                    new IngestSpec(IngestSpec.Mode.PUBLISH, "studio", null),
                    destinations.stream().map(id -> new DestinationSpec(id, id, id)).toList(), true),
                    LiveSecrets.lookingUp(secrets::get, "not in this test's vault"));
            studio = new StudioPublisher(ingestUrl(INGEST_KEY));
        }

        RtmpReceiver platform(String id) {
            return platforms.get(id);
        }

        String ingestUrl(String key) {
            return "rtmp://127.0.0.1:" + engine.ingestPort().orElseThrow() + "/live/" + key;
        }

        /** The slate plays from the start: waits until the studio feed is on every given platform. */
        void awaitStudioOn(String... ids) {
            await().atMost(Duration.ofSeconds(40)).until(() -> show.stats().state().equals("LIVE")
                    && List.of(ids).stream().map(this::platform).allMatch(p -> p.count() > 50 && !RtmpReceiver.isSlate(p.last().cornerYuv())));
        }

        /** The studio's line drops; a new publisher connects when {@link #studioReturns()}. */
        void studioLeaves() {
            studio.close();
        }

        void studioReturns() {
            studio = new StudioPublisher(ingestUrl(INGEST_KEY));
        }

        @Override
        public void close() throws Exception {
            try {
                studio.close();
                engine.close();
                for (RtmpReceiver r : platforms.values()) {
                    r.close();
                }
                store.close();
                s3.close();
            } finally {
                ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
            }
        }
    }

    OnAir onAir(List<String> destinations, List<String> listening) throws Exception {
        onAir = new OnAir(destinations, listening);
        return onAir;
    }

    @AfterEach
    void offAir() throws Exception {
        if (onAir != null) {
            onAir.close();
        }
    }

    @Test
    void threeDestinationsWithTwoProfilesShareTwoEncoders() throws Exception {
        OnAir air = onAir(List.of("bilibili", "youtube", "douyin"), List.of("bilibili", "youtube", "douyin"));
        air.awaitStudioOn("bilibili", "youtube", "douyin");

        RtmpReceiver bilibili = air.platform("bilibili");
        RtmpReceiver douyin = air.platform("douyin");
        assertThat(bilibili.last().width()).isEqualTo(320);
        assertThat(bilibili.last().height()).isEqualTo(180);
        assertThat(air.platform("youtube").last().width()).isEqualTo(320);
        assertThat(douyin.last().width()).isEqualTo(180);
        assertThat(douyin.last().height()).isEqualTo(320);
        assertThat(RtmpReceiver.isSlate(bilibili.last().cornerYuv())).as("the studio feed, not the slate").isFalse();
        ShowStats stats = air.show.stats();
        assertThat(stats.encoders()).isEqualTo(2);
        assertThat(stats.state()).isEqualTo("LIVE");
        assertThat(stats.destinations()).extracting(DestinationStats::state).containsOnly("LIVE");
    }

    @Test
    void aWrongIngestKeyIsRefusedAndTheShowGoesOn() throws Exception {
        OnAir air = onAir(List.of("bilibili"), List.of("bilibili"));
        air.awaitStudioOn("bilibili");
        RtmpReceiver bilibili = air.platform("bilibili");
        int before = bilibili.count();
        long switches = air.show.stats().sourceSwitches();

        Throwable refused = StudioPublisher.tryPublish(air.ingestUrl("not-the-key-000000"));
        Throwable second = StudioPublisher.tryPublish(air.ingestUrl(INGEST_KEY)); // the show already has its publisher

        assertThat(refused).isNotNull();
        assertThat(second).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> bilibili.count() > before + 50);
        assertThat(air.show.stats().sourceSwitches()).isEqualTo(switches);
        assertThat(air.show.stats().state()).isEqualTo("LIVE");
        assertThat(air.studio.failure()).isNull();
    }

    @Test
    void aDeadDestinationStallsNobodyAndReconnectsWhenItReturns() throws Exception {
        OnAir air = onAir(List.of("bilibili", "youtube", "douyin"), List.of("bilibili", "youtube", "douyin"));
        air.awaitStudioOn("bilibili", "youtube", "douyin");
        RtmpReceiver bilibili = air.platform("bilibili");
        RtmpReceiver youtube = air.platform("youtube");
        RtmpReceiver douyin = air.platform("douyin");
        long lastBeforeKill = douyin.last().timestampMillis();
        int bilibiliBefore = bilibili.count();
        int youtubeBefore = youtube.count();
        int segmentsBefore = air.segments.size();
        douyin.kill();

        // ten seconds of pictures elsewhere while douyin is away
        await().atMost(Duration.ofSeconds(30)).until(() -> !air.show.destinationStats("douyin").state().equals("LIVE")
                && bilibili.count() - bilibiliBefore > 250);
        douyin.revive();
        await().atMost(Duration.ofSeconds(20)).until(() -> air.show.destinationStats("douyin").reconnects() >= 1
                && douyin.last() != null && douyin.last().timestampMillis() > lastBeforeKill + 10_000);

        assertContinuous(bilibili.pictures().subList(bilibiliBefore, bilibili.count()));
        assertContinuous(youtube.pictures().subList(youtubeBefore, youtube.count()));
        assertThat(air.show.destinationStats("bilibili").reconnects()).isZero();
        assertThat(air.show.destinationStats("douyin").lastError()).isNotBlank();
        // nor the recording: its segments follow each other, and all of them are stored when the show ends
        await().atMost(Duration.ofSeconds(10)).until(() -> air.segments.size() >= segmentsBefore + 5);
        assertContiguous(air.segments);
        air.studioLeaves();
        RecordingManifest manifest = air.engine.stop(SHOW);
        assertThat(manifest.segments()).isNotEmpty();
        for (RecordingSegment segment : manifest.segments()) {
            assertThat(air.store.verify(segment.key()).sha256()).isEqualTo(segment.sha256());
        }
        assertThat(air.store.exists(manifest.key())).isTrue();
    }

    @Test
    void aRotatedStreamKeyIsUsedFromTheNextReconnectOn() throws Exception {
        OnAir air = onAir(List.of("bilibili", "douyin"), List.of("bilibili", "douyin"));
        air.awaitStudioOn("bilibili", "douyin");
        RtmpReceiver rotated = new RtmpReceiver("douyin-key-rotated-5566778899").start();
        try {
            air.secrets.put("douyin", rotated.url);   // the station rotates its Douyin stream key
            int bilibiliBefore = air.platform("bilibili").count();
            air.platform("douyin").kill();           // the old key's session ends (the platform drops it)
            await().atMost(Duration.ofSeconds(30)).until(() -> rotated.count() > 50
                    && !RtmpReceiver.isSlate(rotated.last().cornerYuv()));
            assertThat(air.show.destinationStats("douyin").reconnects()).isPositive();
            assertThat(air.platform("bilibili").count() - bilibiliBefore).as("the other platform went on").isPositive();
            assertThat(air.show.destinationStats("bilibili").reconnects()).isZero();
        } finally {
            rotated.close();
        }
    }

    @Test
    void whenTheStudioFeedDropsTheSlateKeepsEveryDestinationOpen() throws Exception {
        OnAir air = onAir(List.of("bilibili", "youtube", "douyin"), List.of("bilibili", "youtube", "douyin"));
        air.awaitStudioOn("bilibili", "youtube", "douyin");
        RtmpReceiver bilibili = air.platform("bilibili");
        RtmpReceiver youtube = air.platform("youtube");
        RtmpReceiver douyin = air.platform("douyin");
        int sessionsBefore = bilibili.sessions() + youtube.sessions() + douyin.sessions();
        long reconnectsBefore = reconnects(air.show);
        air.studioLeaves();

        await().atMost(Duration.ofSeconds(10)).until(() -> air.show.stats().state().equals("SLATE")
                && RtmpReceiver.isSlate(bilibili.last().cornerYuv()) && RtmpReceiver.isSlate(douyin.last().cornerYuv()));
        int duringSlate = bilibili.count();
        await("slate pictures keep coming").atMost(Duration.ofSeconds(15)).until(() -> bilibili.count() - duringSlate > 50);
        assertThat(RtmpReceiver.isSlate(youtube.last().cornerYuv())).isTrue();

        int beforeReturn = bilibili.count();
        air.studioReturns();
        await().atMost(Duration.ofSeconds(20)).until(() -> air.show.stats().state().equals("LIVE")
                && !RtmpReceiver.isSlate(bilibili.last().cornerYuv()) && !RtmpReceiver.isSlate(douyin.last().cornerYuv()));

        assertContinuous(bilibili.pictures().subList(beforeReturn - 100, bilibili.count()));
        assertThat(bilibili.sessions() + youtube.sessions() + douyin.sessions()).as("no destination reconnected")
                .isEqualTo(sessionsBefore);
        assertThat(reconnects(air.show)).isEqualTo(reconnectsBefore);
    }

    @Test
    void destinationsComeAndGoWhileLiveWithoutTouchingTheOthers() throws Exception {
        OnAir air = onAir(List.of("bilibili", "youtube", "douyin"), List.of("bilibili", "youtube", "douyin"));
        air.awaitStudioOn("bilibili", "youtube", "douyin");
        RtmpReceiver bilibili = air.platform("bilibili");
        RtmpReceiver youtube = air.platform("youtube");
        RtmpReceiver douyin = air.platform("douyin");
        RtmpReceiver taobao = air.platform("taobao");
        int youtubeSessions = youtube.sessions();
        taobao.start();
        air.show.addDestination(new DestinationSpec("taobao", "taobao", "taobao"));

        await().atMost(Duration.ofSeconds(20)).until(() -> taobao.count() > 25);
        assertThat(taobao.last().width()).isEqualTo(640);
        assertThat(air.show.encoders()).as("the ingest already matches taobao's profile: copied, not encoded").isEqualTo(2);

        air.show.removeDestination("bilibili");
        int bilibiliAfter = bilibili.count();
        int youtubeNow = youtube.count();
        int douyinNow = douyin.count();
        await().atMost(Duration.ofSeconds(10)).until(() -> youtube.count() > youtubeNow + 50 && douyin.count() > douyinNow + 50);
        assertThat(bilibili.count()).isLessThanOrEqualTo(bilibiliAfter + 30);
        assertThat(air.show.destinationIds()).containsExactly("youtube", "douyin", "taobao");
        assertThat(air.show.encoders()).isEqualTo(2);
        assertThat(youtube.sessions()).isEqualTo(youtubeSessions);
        assertContinuous(youtube.pictures().subList(youtubeNow, youtube.count()));
    }

    @Test
    void aCopiedDestinationAlsoGetsTheSlateAndComesBackWithoutReconnecting() throws Exception {
        OnAir air = onAir(List.of("bilibili", "taobao"), List.of("bilibili", "taobao"));
        air.awaitStudioOn("bilibili", "taobao");
        RtmpReceiver taobao = air.platform("taobao");
        assertThat(air.show.encoders()).as("taobao's profile is the ingest's: copied").isEqualTo(1);
        int sessions = taobao.sessions();
        air.studioLeaves();

        await().atMost(Duration.ofSeconds(10)).until(() -> RtmpReceiver.isSlate(taobao.last().cornerYuv()));
        assertThat(air.show.encoders()).as("the slate is encoded for the copied profile too").isEqualTo(2);
        int beforeReturn = taobao.count();
        air.studioReturns();
        await().atMost(Duration.ofSeconds(20)).until(() -> !RtmpReceiver.isSlate(taobao.last().cornerYuv()));

        assertThat(taobao.sessions()).isEqualTo(sessions);
        assertThat(taobao.last().width()).isEqualTo(640);
        assertContinuous(taobao.pictures().subList(beforeReturn - 50, taobao.count()));
        await().atMost(Duration.ofSeconds(10)).until(() -> air.show.encoders() == 1);
    }

    @Test
    void noStreamKeyAppearsInLogsStatsOrErrors() throws Exception {
        OnAir air = onAir(List.of("bilibili", "douyin"), List.of("bilibili"));  // douyin's platform is down
        air.awaitStudioOn("bilibili");
        await().atMost(Duration.ofSeconds(20)).until(() -> air.show.destinationStats("douyin").lastError() != null
                && !air.show.destinationStats("douyin").lastError().isBlank());
        assertThat(StudioPublisher.tryPublish(air.ingestUrl("not-the-key-000000"))).isNotNull();

        String statsJson = new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(air.show.stats());
        StringBuilder everything = new StringBuilder(statsJson);
        for (ILoggingEvent event : new ArrayList<>(air.logs.list)) {
            everything.append('\n').append(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                everything.append(event.getThrowableProxy().getMessage());
            }
        }
        assertThat(air.logs.list).isNotEmpty();
        for (String secret : air.secrets.values()) {
            String key = secret.substring(secret.lastIndexOf('/') + 1);
            assertThat(everything.toString()).doesNotContain(key);
        }
        assertThat(statsJson).contains("****");
    }

    static long reconnects(LiveShow show) {
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
