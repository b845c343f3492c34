package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.FFmpegException;
import io.centralkitchen.media.ffmpeg.InputOptions;
import io.centralkitchen.media.ffmpeg.SignalPlayer;
import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import io.centralkitchen.media.rtmp.BytePipe;
import io.centralkitchen.media.rtmp.RtmpIngestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
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
    private final java.util.function.Consumer<IngestSession> feed;
    private final ExecutorService opener;
    private volatile boolean running = true;
    private volatile SignalPlayer studio;
    private final Semaphore sessionEnded = new Semaphore(0);

    /** @param feed where each opened session goes (the program, or the switcher's source) */
    IngestFeeder(String showId, IngestSpec ingest, LiveSecrets secrets, LiveSettings settings,
                 java.util.function.Consumer<IngestSession> feed) {
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
                Demuxer demuxer = withVideo(Demuxer.open(pipe, "flv", description, inMemory()));
                feed.accept(new IngestSession(demuxer, false, publication::end));
            } catch (RuntimeException e) {
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
                feed.accept(new IngestSession(demuxer, ingest.mode() == IngestSpec.Mode.FILE, sessionEnded::release));
                sessionEnded.acquire();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
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

    private Demuxer open() {
        return withVideo(switch (ingest.mode()) {
            case PULL -> Demuxer.open(secrets.resolve(ingest.keySecretId()), secrets.masked(ingest.keySecretId()),
                    options().withProtocolWhitelist(InputOptions.PULL_PROTOCOLS));
            case FILE -> Demuxer.open(Path.of(ingest.file()), options().withProtocolWhitelist(InputOptions.LOCAL_FILE));
            case TEST_PATTERN -> {
                BytePipe pipe = new BytePipe(4 * 1024 * 1024, settings.ingestTimeout());
                studio = SyntheticSignal.play(pipe.writer(), 640, 360, 25, showId);
                yield Demuxer.open(pipe, "flv", "test pattern", inMemory());
            }
            case PUBLISH -> throw new IllegalStateException("published feeds are not opened by the feeder");
        });
    }

    /** A feed counts as lost when silent for the ingest timeout; probing is kept short (see {@link InputOptions#live}). */
    private InputOptions options() {
        return InputOptions.live(settings.ingestTimeout());
    }

    /** An FLV stream in memory (a publish, the test pattern): FLV only, and no URL may be opened from it. */
    private InputOptions inMemory() {
        return options().withProtocolWhitelist(InputOptions.NO_PROTOCOL).withFormatWhitelist("flv,live_flv");
    }

    private static Demuxer withVideo(Demuxer demuxer) {
        if (!demuxer.hasVideo()) {
            demuxer.close();
            throw FFmpegException.missingStream(demuxer.description() + " carries no video");
        }
        return demuxer;
    }

    private void closeStudio() {
        SignalPlayer s = studio;
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
