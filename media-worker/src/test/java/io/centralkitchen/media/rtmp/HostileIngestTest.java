package io.centralkitchen.media.rtmp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.centralkitchen.media.ffmpeg.SignalPlayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Strangers on the ingest port (garbage, thousands of chunk streams declaring huge messages, slow trickles from many
 * addresses) while one show's studio is publishing: the heap stays where it was, every hostile connection is closed,
 * the show keeps receiving its feed, and a second studio still gets in while the attack goes on.
 */
class HostileIngestTest {

    static final String KEY_A = "studio-a-key-0f1e2d3c";
    static final String KEY_B = "studio-b-key-4b5a6978";
    static final IngestLimits LIMITS = IngestLimits.defaults().withDeadlines(Duration.ofSeconds(2), Duration.ofSeconds(3));
    static final long MiB = 1024 * 1024;

    IngestUnderTest ingest;
    ExecutorService attackers = Executors.newFixedThreadPool(8);
    List<HostileClient> clients = new ArrayList<>();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger rtmpLog = (Logger) LoggerFactory.getLogger("io.centralkitchen.media.rtmp");
    long heapBefore;

    @BeforeEach
    void studioAIsOnAir() throws Exception {
        rtmpLog.setLevel(Level.DEBUG);
        rtmpLog.addAppender(logs);
        logs.start();
        ingest = new IngestUnderTest(LIMITS, KEY_A, KEY_B);
        ingest.studio(KEY_A);
        awaitFeed(KEY_A, 25);
        heapBefore = usedHeapAfterGc();
    }

    @AfterEach
    void offAir() {
        attackers.shutdownNow();
        synchronized (clients) {
            clients.forEach(HostileClient::close);
        }
        ingest.close();
        rtmpLog.detachAppender(logs);
        rtmpLog.setLevel(null);
    }

    HostileClient client(int addressNumber) {
        HostileClient client = new HostileClient(ingest.port(), HostileClient.address(addressNumber));
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    void awaitFeed(String key, long moreTags) {
        long from = ingest.feed(key).videoTags.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> ingest.feed(key).videoTags.get() >= from + moreTags);
    }

    static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Studio A published throughout, never cut off; the log has one line per event and no stack trace. */
    void studioAWasNeverDisturbed() {
        awaitFeed(KEY_A, 25);
        assertThat(ingest.feed(KEY_A).publishers.get()).isEqualTo(1);
        assertThat(ingest.feed(KEY_A).ended.get()).isZero();
        assertThat(logs.list).allSatisfy(event -> {
            assertThat(event.getThrowableProxy()).as(event.getFormattedMessage()).isNull();
            assertThat(event.getFormattedMessage()).doesNotContain("\n");
        });
    }

    @Test
    void garbageIsHungUpOn() throws Exception {
        List<HostileClient> garbage = List.of(
                sent(client(2), "GET / HTTP/1.1\r\nHost: kitchen\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                sent(client(3), HostileClient.random(64 * 1024, 3)),
                sent(client(4).handshake(), HostileClient.random(64 * 1024, 4)),
                sent(client(5).handshake(), new ChunkWriter().message(3, 20, HostileClient.random(500, 5), 128).toByteArray()),
                sent(client(6).handshake(), new ChunkWriter().message(3, 20, new byte[]{12, 0x7f, -1, -1, -1}, 128)
                        .toByteArray()),
                sent(client(7), new byte[]{3, 1, 2, 3})); // a handshake never finished

        await().atMost(Duration.ofSeconds(10)).until(() -> garbage.stream().allMatch(HostileClient::closedByServer));

        studioAWasNeverDisturbed();
        assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    }

    static HostileClient sent(HostileClient client, byte[] data) {
        client.send(data);
        return client;
    }

    @Test
    void thousandsOfChunkStreamsWithHugeLengthsCostNoHeapAndAStudioStillGetsIn() throws Exception {
        int connections = 8;
        int chunkStreams = 3000;
        List<Future<HostileClient>> attacks = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int declared = i % 2 == 0 ? 0xFFFFFF : 60_000; // beyond the cap, and just within it
            int address = 10 + i;
            attacks.add(attackers.submit(() -> chunkStreamFlood(client(address), chunkStreams, declared)));
        }
        SignalPlayer studioB = ingest.studio(KEY_B);

        awaitFeed(KEY_B, 25);
        long heapDuring = usedHeapAfterGc();
        for (Future<HostileClient> attack : attacks) {
            HostileClient client = attack.get();
            await().atMost(Duration.ofSeconds(10)).until(client::closedByServer);
        }
        long heapAfter = usedHeapAfterGc();

        long declaredBytes = connections / 2 * (long) chunkStreams * (0xFFFFFF + 60_000);
        assertThat(declaredBytes).as("what the attack asked the server to reserve").isGreaterThan(100_000 * MiB);
        assertThat(Math.max(heapDuring, heapAfter) - heapBefore).as("heap growth").isLessThan(32 * MiB);
        assertThat(studioB.failure()).isNull();
        awaitFeed(KEY_B, 25);
        studioAWasNeverDisturbed();
    }

    /** A handshake, then a chunk header on each of {@code chunkStreams} chunk streams, each followed by one chunk. */
    static HostileClient chunkStreamFlood(HostileClient client, int chunkStreams, int declaredLength) throws Exception {
        client.handshake();
        for (int csid = 3; csid < 3 + chunkStreams; csid += 100) {
            ChunkWriter chunks = new ChunkWriter();
            for (int c = csid; c < csid + 100; c++) {
                chunks.header(c, declaredLength, 9).zeros(128);
            }
            if (!client.send(chunks.toByteArray())) {
                break;
            }
        }
        return client;
    }

    @Test
    void aTrickleFromManyAddressesNeverLocksTheStudioOut() throws Exception {
        Trickle trickle = new Trickle(ingest.port(), 80, 100, ingest::pending);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> trickle.cutOff() >= 80);
            SignalPlayer studioB = ingest.studio(KEY_B);

            awaitFeed(KEY_B, 25);

            assertThat(trickle.cutOff()).as("trickling connections closed by the server").isGreaterThanOrEqualTo(80);
            assertThat(trickle.maxPendingSeen()).isLessThanOrEqualTo(LIMITS.maxPending());
            assertThat(studioB.failure()).isNull();
        } finally {
            trickle.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ingest.pending() == 0);
        studioAWasNeverDisturbed();
    }

    @Test
    void connectionsPerAddressAreCappedAndTheHandshakeHasADeadline() {
        List<HostileClient> sameAddress = new ArrayList<>();
        for (int i = 0; i < LIMITS.maxPerAddress() + 4; i++) {
            sameAddress.add(client(200));
        }

        await().atMost(Duration.ofSeconds(1)).until(() -> sameAddress.stream().filter(HostileClient::closedByServer).count() >= 4);
        assertThat(sameAddress.subList(0, LIMITS.maxPerAddress())).noneMatch(HostileClient::closedByServer);
        assertThat(sameAddress.subList(LIMITS.maxPerAddress(), sameAddress.size())).allMatch(HostileClient::closedByServer);

        await().atMost(Duration.ofSeconds(5)).until(() -> sameAddress.stream().allMatch(HostileClient::closedByServer));
        assertThat(ingest.pending()).isZero();
    }

    @Test
    void aClientThatNeverPublishesIsCutOffAtThePublishDeadline() throws Exception {
        HostileClient slow = client(201).handshake();
        byte[] connect = new ChunkWriter().message(3, 20, new byte[4000], 128).toByteArray();
        long start = System.nanoTime();
        Future<?> trickling = attackers.submit(() -> {
            for (int i = 0; i < connect.length && slow.send(new byte[]{connect[i]}); i++) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000); // a byte every 100 ms: never idle
            }
        });

        await().atMost(Duration.ofSeconds(6)).until(slow::closedByServer);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(LIMITS.publishDeadline().minusSeconds(1));
        trickling.cancel(true);
        studioAWasNeverDisturbed();
    }

    @Test
    void aRefusedPublisherIsLoggedOnceWithItsKeyMasked() {
        SignalPlayer intruder = ingest.studio("intruder-key-31337");

        await().atMost(Duration.ofSeconds(10)).until(() -> intruder.failure() != null);

        List<String> refusals = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("refused a publisher")).toList();
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0)).contains("****1337").doesNotContain("intruder-key").contains("Unknown ingest key");
        studioAWasNeverDisturbed();
    }
}
