package io.centralkitchen.media.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Brings studio feeds to a show's {@link ProgramFeed}: opens (probes) each feed on its own thread, so the program —
 * and the slate — never waits for a feed to start. Published feeds arrive from the RTMP ingest; pulled URLs, the
 * test pattern and files are (re)opened here in a loop, with a growing pause after failures.
 */
final class IngestFeeder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestFeeder.class);

    private final String showId;
    private final IngestSpec ingest;
    private final LiveSecrets secrets;
    private final LiveSettings settings;
    private final ProgramFeed feed;
    private final ExecutorService opener;
    private volatile boolean running = true;
    private volatile TestPatternStudio studio;
    private final Semaphore sessionEnded = new Semaphore(0);

    IngestFeeder(String showId, IngestSpec ingest, LiveSecrets secrets, LiveSettings settings, ProgramFeed feed) {
        this.showId = showId;
        this.ingest = ingest;
        this.secrets = secrets;
        this.settings = settings;
        this.feed = feed;
        this.opener = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "live-ingest-" + showId);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        if (ingest.mode() != IngestSpec.Mode.PUBLISH) {
            opener.execute(this::loop);
        }
    }

    /** An admitted RTMP publisher: its FLV stream is probed here, then handed to the program. */
    void openPublished(BytePipe pipe, String description, RtmpIngestServer.Publication publication) {
        opener.execute(() -> {
            try {
                Demuxer demuxer = Demuxer.open(pipe, "flv", description, settings.ingestTimeout());
                feed.offer(new IngestSession(demuxer, false, publication::end));
            } catch (IOException | RuntimeException e) {
                log.warn("Show {}: could not read {}: {}", showId, description, LiveSecrets.redact(e.getMessage()));
                publication.end();
            }
        });
    }

    private void loop() {
        int failures = 0;
        while (running) {
            try {
                Demuxer demuxer = open();
                failures = 0;
                feed.offer(new IngestSession(demuxer, ingest.mode() == IngestSpec.Mode.FILE, sessionEnded::release));
                sessionEnded.acquire();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                failures++;
                log.warn("Show {}: ingest not available ({}), trying again", showId, LiveSecrets.redact(e.getMessage()));
            }
            closeStudio();
            if (running && failures > 0) {
                try {
                    long pause = Math.min(settings.backoffMax().toMillis(), settings.backoffInitial().toMillis() << Math.min(failures, 10));
                    sessionEnded.tryAcquire(pause, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private Demuxer open() throws IOException {
        Duration timeout = settings.ingestTimeout();
        return switch (ingest.mode()) {
            case PULL -> Demuxer.open(secrets.resolve(ingest.keySecretId()), secrets.masked(ingest.keySecretId()), timeout);
            case FILE -> Demuxer.open(ingest.file(), "file " + ingest.file(), timeout);
            case TEST_PATTERN -> {
                BytePipe pipe = new BytePipe(4 * 1024 * 1024, timeout);
                studio = new TestPatternStudio(pipe, 640, 360, 25, showId);
                yield Demuxer.open(pipe, "flv", "test pattern", timeout);
            }
            case PUBLISH -> throw new IllegalStateException("published feeds are not opened by the feeder");
        };
    }

    private void closeStudio() {
        TestPatternStudio s = studio;
        studio = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void close() {
        running = false;
        sessionEnded.release();
        opener.shutdownNow();
        try {
            opener.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeStudio();
    }
}
