package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.RedactingFFmpegLog;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.rtmp.IngestLimits;
import io.centralkitchen.media.rtmp.RtmpIngestServer;
import io.centralkitchen.storage.MediaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live simulcast engine: the shows on air in this JVM and the RTMP ingest they share. Each show decodes its feed
 * once, encodes once per distinct profile, and fans the packets out to isolated destinations.
 */
public final class LiveEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveEngine.class);

    private final LiveSettings settings;
    private final Map<String, PlatformPreset> presets;
    private final LiveSecrets secrets;
    private final MediaStore store;
    private final Path workDir;
    private final List<LiveListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, LiveShow> shows = new ConcurrentHashMap<>();
    private final String ingestBind;
    private final int ingestPort;
    private final String ingestApp;
    private final String ingestHost;
    private final IngestLimits ingestLimits;
    private RtmpIngestServer ingest;
    private volatile LiveCapacity capacity = LiveCapacity.unlimited();

    /**
     * @param store      where recordings go (null: shows are not recorded)
     * @param ingestHost the host name studio encoders use, for the ingest URL shown to producers
     */
    public LiveEngine(LiveSettings settings, Map<String, PlatformPreset> presets, LiveSecrets secrets, MediaStore store,
                      Path workDir, String ingestBind, int ingestPort, String ingestApp, String ingestHost) {
        this(settings, presets, secrets, store, workDir, ingestBind, ingestPort, ingestApp, ingestHost,
                IngestLimits.defaults());
    }

    /** @param ingestLimits what a studio encoder, or a stranger, may cost the ingest */
    public LiveEngine(LiveSettings settings, Map<String, PlatformPreset> presets, LiveSecrets secrets, MediaStore store,
                      Path workDir, String ingestBind, int ingestPort, String ingestApp, String ingestHost,
                      IngestLimits ingestLimits) {
        RedactingFFmpegLog.install(LiveSecrets::redact);
        this.settings = settings;
        this.presets = Map.copyOf(presets);
        this.secrets = secrets;
        this.store = store;
        this.workDir = workDir;
        this.ingestBind = ingestBind;
        this.ingestPort = ingestPort;
        this.ingestApp = ingestApp;
        this.ingestHost = ingestHost;
        this.ingestLimits = ingestLimits;
        listeners.add(capacity);
    }

    public void addListener(LiveListener listener) {
        listeners.add(listener);
    }

    /** What this worker carries (the shows on air are counted in it); shows and destinations beyond it are refused. */
    public void capacity(LiveCapacity capacity) {
        synchronized (shows) {
            for (LiveShow show : shows.values()) {
                Map<String, PlatformPreset> destinations = new java.util.LinkedHashMap<>();
                for (String id : show.destinationIds()) {
                    PlatformPreset preset = presets.get(show.destinationStats(id).preset());
                    if (preset != null) {
                        destinations.put(id, preset);
                    }
                }
                capacity.adopt(show.showId(), destinations);
            }
            listeners.remove(this.capacity);
            this.capacity = capacity;
            listeners.add(0, capacity);
            shows.values().forEach(show -> show.admission(d -> capacity.admitDestination(show.showId(), d, presets)));
        }
    }

    public LiveCapacity capacity() {
        return capacity;
    }

    /** Capacity, load and each show's units, now. */
    public LiveCapacity.Figures capacityFigures() {
        return capacity.figures();
    }

    public Map<String, PlatformPreset> presets() {
        return presets;
    }

    public LiveSecrets secrets() {
        return secrets;
    }

    /** Starts listening for studio encoders (done by the first show that takes a published feed, or at start-up). */
    public synchronized int startIngest() {
        if (ingest == null) {
            try {
                ingest = new RtmpIngestServer(ingestBind, ingestPort, ingestApp, this::admit, settings.ingestTimeout(),
                        ingestLimits, LiveSecrets::redact);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot listen for studio encoders on " + ingestBind + ":" + ingestPort
                        + " (kitchen.live.ingest.port): " + e.getMessage(), e);
            }
        }
        return ingest.port();
    }

    /** The port studio encoders publish to, once listening. */
    public synchronized Optional<Integer> ingestPort() {
        return ingest == null ? Optional.empty() : Optional.of(ingest.port());
    }

    private RtmpIngestServer.Publication admit(String app, String key, String remote, String[] refusal) {
        for (LiveShow show : shows.values()) {
            if (show.acceptsKey(key)) {
                return show.publish(key, refusal);
            }
        }
        refusal[0] = "Unknown ingest key";
        return null;
    }

    /** Puts a show on air with the engine's configured secrets (tests, rehearsals). */
    public LiveShow start(ShowSpec spec) {
        return start(spec, secrets);
    }

    /**
     * Puts a show on air. Its destinations start at once; the slate plays until its feed arrives. Its ingest key and
     * push URLs are looked up in {@code secrets} only — its own station's.
     */
    public LiveShow start(ShowSpec spec, LiveSecrets secrets) {
        return start(spec, secrets, null);
    }

    /** Puts a show on air that continues the recording {@code resume} (null: a new recording). */
    public LiveShow start(ShowSpec spec, LiveSecrets secrets, io.centralkitchen.media.recording.RecordingResume resume) {
        List<String> keys = new ArrayList<>();
        if (spec.switched()) {
            spec.sources().stream().filter(s -> s.ingest().mode() == IngestSpec.Mode.PUBLISH)
                    .forEach(s -> keys.add(s.ingest().keySecretId()));
        } else if (spec.ingest().mode() == IngestSpec.Mode.PUBLISH) {
            keys.add(spec.ingest().keySecretId());
        }
        for (String secretId : keys) {
            String key = secrets.resolve(secretId);
            for (LiveShow other : shows.values()) {
                if (other.acceptsKey(key)) {
                    throw new IllegalStateException("Ingest key '" + secretId + "' is in use by show '" + other.showId() + "'");
                }
            }
        }
        if (!keys.isEmpty()) {
            startIngest();
        }
        synchronized (shows) {
            if (shows.containsKey(spec.showId())) {
                throw new IllegalStateException("Show '" + spec.showId() + "' is already live");
            }
            LiveCapacity admitting = capacity;
            admitting.admitShow(spec, presets);
            LiveShow show;
            try {
                show = new LiveShow(spec, presets, secrets, settings, store, workDir.resolve("recordings"), listeners,
                        "rtmp://" + ingestHost + ":" + (ingest == null ? ingestPort : ingest.port()) + "/" + ingestApp + "/", resume);
            } catch (IOException e) {
                admitting.release(spec.showId());
                throw new UncheckedIOException("Cannot prepare show '" + spec.showId() + "': " + e.getMessage(), e);
            } catch (RuntimeException e) {
                admitting.release(spec.showId());
                throw e;
            }
            shows.put(spec.showId(), show);
            show.start();
            show.admission(d -> admitting.admitDestination(spec.showId(), d, presets));
            listeners.forEach(l -> l.showStarted(show));
            return show;
        }
    }

    public Optional<LiveShow> show(String showId) {
        return Optional.ofNullable(shows.get(showId));
    }

    public List<LiveShow> shows() {
        return new ArrayList<>(shows.values());
    }

    /** Ends a show and seals its recording; the manifest is null when the show was not recorded. */
    public RecordingManifest stop(String showId) {
        LiveShow show = shows.get(showId);
        if (show == null) {
            throw new IllegalArgumentException("Show '" + showId + "' is not live");
        }
        try {
            return show.stop();
        } finally {
            shows.remove(showId);
            listeners.forEach(l -> l.showStopped(show));
        }
    }

    /**
     * Stops a show here without sealing its recording: this engine lost the show to another owner, which continues
     * the recording. Nothing if the show is not here.
     */
    public void abandon(String showId) {
        LiveShow show = shows.get(showId);
        if (show == null) {
            return;
        }
        try {
            show.stop(false);
        } finally {
            shows.remove(showId);
            listeners.forEach(l -> l.showStopped(show));
        }
    }

    public LiveSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        for (String id : new ArrayList<>(shows.keySet())) {
            try {
                stop(id);
            } catch (RuntimeException e) {
                log.warn("Stopping show {}: {}", id, e.getMessage());
            }
        }
        synchronized (this) {
            if (ingest != null) {
                ingest.close();
                ingest = null;
            }
        }
    }
}
