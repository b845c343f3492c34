package io.centralkitchen.processes.show.live;

import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.ShowDestination;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.processes.station.StationLiveSecrets;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.centralkitchen.media.live.DestinationSpec;
import io.centralkitchen.media.live.IngestSpec;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveShow;
import io.centralkitchen.media.live.LiveSecrets;
import io.centralkitchen.media.live.PlatformPreset;
import io.centralkitchen.media.live.Protocol;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.media.live.ShowSpec;
import io.centralkitchen.media.live.SourceSpec;
import io.centralkitchen.media.live.ShowStats;
import io.centralkitchen.processes.show.live.cluster.LiveCluster;
import io.centralkitchen.processes.show.live.cluster.LiveCommands;
import io.centralkitchen.storage.MediaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The show's side of the live engine: pre-flight checks, going live with the show's destinations, ending it with a
 * sealed recording, and taking a destination off. A recording the engine could not seal (the node went down while
 * live) is sealed here from the segment index, so its clips can still be cut.
 */
@Component
public class ShowLive {

    private static final Logger log = LoggerFactory.getLogger(ShowLive.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final LiveEngine live;
    private final Shows shows;
    private final LiveSessions sessions;
    private final RecordingIndex index;
    private final MediaStore store;
    private final ShowProperties properties;
    private final StationLiveSecrets secrets;
    private final ArchiveLog archive;
    private final LiveCluster cluster;

    public ShowLive(LiveEngine live, Shows shows, LiveSessions sessions, RecordingIndex index, MediaStore store, ShowProperties properties,
                    StationLiveSecrets secrets, ArchiveLog archive, LiveCluster cluster) {
        this.archive = archive;
        this.cluster = cluster;
        this.live = live;
        this.secrets = secrets;
        this.shows = shows;
        this.sessions = sessions;
        this.index = index;
        this.store = store;
        this.properties = properties;
    }

    /** What keeps the show from going live as planned; empty when nothing does. Secrets appear masked only. */
    public List<String> preflight(Show show) {
        List<String> problems = new ArrayList<>();
        if (cluster.isOpen(show.id())) {
            return problems; // already live (a repeated job): nothing to check
        }
        LiveSecrets own = secrets.of(show.stationId());
        for (io.centralkitchen.processes.show.ShowSource source : shows.sources(show.id())) {
            if (source.secretId() != null && !own.contains(source.secretId())) {
                problems.add("Source " + source.name() + ": its secret '" + source.secretId() + "' is not in the station's vault");
            }
        }
        if (!"TEST_PATTERN".equals(show.ingestMode())) {
            if (!own.contains(show.ingestSecretId())) {
                problems.add("The studio feed's secret '" + show.ingestSecretId() + "' is not in the station's vault");
            } else if ("PUBLISH".equals(show.ingestMode()) && cluster.localWorker().isPresent()) {
                try {
                    live.startIngest();
                } catch (RuntimeException e) {
                    problems.add("The studio ingest cannot listen: " + e.getMessage());
                }
            }
        }
        live.capacity().refusal(spec(show), live.presets()).ifPresent(problems::add); // the worker's capacity
        for (ShowDestination d : shows.destinations(show.id())) {
            PlatformPreset preset = live.presets().get(d.preset());
            if (preset == null) {
                problems.add("Destination " + d.destinationId() + ": the preset '" + d.preset() + "' is no longer configured");
            } else if (preset.protocol() != Protocol.HLS) {
                reachability(d, own).ifPresent(problems::add);
            }
        }
        return problems;
    }

    private Optional<String> reachability(ShowDestination d, LiveSecrets own) {
        if (!own.contains(d.secretId())) {
            return Optional.of("Destination " + d.destinationId() + ": its push URL secret '" + d.secretId()
                    + "' is not in the station's vault");
        }
        String masked = own.masked(d.secretId());
        URI uri;
        try {
            uri = URI.create(own.resolve(d.secretId()));
        } catch (IllegalArgumentException e) {
            return Optional.of("Destination " + d.destinationId() + ": its push URL " + masked + " is not a URL");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "rtmps".equalsIgnoreCase(uri.getScheme()) ? 443 : 1935;
        if (uri.getHost() == null) {
            return Optional.of("Destination " + d.destinationId() + ": its push URL " + masked + " names no host");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) properties.getPreflightTimeout().toMillis());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("Destination " + d.destinationId() + " (" + masked + ") cannot be reached: " + e.getMessage());
        }
    }

    private ShowSpec spec(Show show) {
        List<DestinationSpec> destinations = shows.destinations(show.id()).stream()
                .map(d -> new DestinationSpec(d.destinationId(), d.preset(), d.secretId())).toList();
        List<SourceSpec> sources = shows.sources(show.id()).stream().map(s -> new SourceSpec(s.name(),
                new IngestSpec(IngestSpec.Mode.valueOf(s.mode()), s.secretId(), null), s.backup())).toList();
        return new ShowSpec(show.stationId(), show.id(), show.title(),
                new IngestSpec(IngestSpec.Mode.valueOf(show.ingestMode()), show.ingestSecretId(), null), destinations, true,
                sources);
    }

    /** Puts the show on air with its destinations (once: a repeated call finds it live). */
    public ShowStats start(Show show) {
        return start(show, "show:" + show.id());
    }

    /**
     * Puts the show on air as planned — its ingest, its destinations, its station's secrets — for whoever started it
     * (the show's process, or a producer through the live API: one way on air). This node's live worker runs it when
     * it has a free slot, else a worker of the fleet; until one does the stats say UNPLACED.
     */
    public ShowStats start(Show show, String startedBy) {
        if (cluster.isOpen(show.id())) {
            return cluster.stats(show.id()).orElseGet(() -> unplaced(show));
        }
        Optional<ShowStats> started;
        try {
            started = cluster.goLive(show.stationId(), show.id());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        try {
            sessions.started(show.stationId(), show.id(), startedBy);
        } catch (RuntimeException e) {
            cluster.end(show.stationId(), show.id()); // nothing half-started: no session record, no show on air
            throw e;
        }
        shows.liveStarted(show.id());
        return started.orElseGet(() -> unplaced(show));
    }

    private static ShowStats unplaced(Show show) {
        return new ShowStats(show.stationId(), show.id(), show.title(), "UNPLACED", show.ingestMode(), null, null, 0, 0, 0, 0,
                0, List.of(), null, 0, 0, Instant.now(), null);
    }

    /**
     * Ends the show and seals its recording; returns the manifest's key (null when nothing was recorded). Its owner
     * ends it (a command, wherever it runs); a show nobody runs any more is sealed from its segment index.
     */
    public String stop(Show show) {
        if (cluster.isOpen(show.id())) {
            LiveCluster.Outcome ended = cluster.endShow(show.stationId(), show.id(), "show:" + show.id());
            log.info("Show {}: end {} ({})", show.id(), ended.state().toLowerCase(), ended.detail());
        }
        cluster.end(show.stationId(), show.id());
        RecordingManifest manifest = sealFromIndex(show);
        if (manifest == null) {
            sessions.ended(show.stationId(), show.id());
            shows.liveEnded(show.id(), null, null, null);
            return null;
        }
        sessions.sealed(manifest);
        shows.liveEnded(show.id(), manifest.recordingId(), manifest.key(), manifest.durationMillis());
        archiveRecording(show, manifest);
        return manifest.key();
    }

    /** The sealed recording: every segment by its SHA-256, then the manifest; a checkpoint is signed at show end. */
    private void archiveRecording(Show show, RecordingManifest manifest) {
        ArchiveSubject subject = ArchiveSubject.show(show.id());
        for (RecordingSegment segment : manifest.segments()) {
            archive.object(show.stationId(), subject, "RECORDING_SEGMENT", segment.key(), segment.sha256(), null);
        }
        archive.object(show.stationId(), subject, "RECORDING_MANIFEST", manifest.key(), null, null);
        archive.checkpointAfterCommit(show.stationId());
    }

    /** The manifest of the show's last recording, written from the segment index when the engine could not seal it. */
    private RecordingManifest sealFromIndex(Show show) {
        Optional<String> latest = index.latestRecording(show.stationId(), show.id());
        if (latest.isEmpty()) {
            return null;
        }
        String recordingId = latest.get();
        List<RecordingSegment> segments = index.segments(show.stationId(), show.id(), recordingId);
        String key = io.centralkitchen.storage.StationKeys.recordingManifest(show.stationId(), show.id(), recordingId);
        if (store.exists(key)) {
            // sealed by the live engine in an earlier attempt of this step that did not commit
            try (java.io.InputStream in = store.getVerified(key)) {
                RecordingManifest sealed = JSON.readValue(in, RecordingManifest.class);
                log.info("Show {}: recording {} was sealed already ({} segments)", show.id(), recordingId, sealed.segments().size());
                return sealed;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        RecordingManifest manifest = new RecordingManifest(show.stationId(), show.id(), recordingId, key,
                segments.get(0).wallClockStart(), Instant.now(), segments.stream().mapToLong(RecordingSegment::durationMillis).sum(),
                segments);
        try {
            store.put(key, JSON.writeValueAsBytes(manifest), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.warn("Show {}: recording {} sealed from its index ({} segments): the live engine had lost the show",
                show.id(), recordingId, segments.size());
        return manifest;
    }

    /**
     * Cuts a live show's program to one of its planned sources for {@code userId} (the cut's marker names them),
     * wherever the show runs: a command its owner applies in order ({@link LiveShow#cutTo} there).
     *
     * @throws IllegalArgumentException the show has no source of that name
     * @throws IllegalStateException    the show has a single ingest, or is not live
     */
    public LiveCluster.Outcome cutTo(Show show, String source, String userId) {
        List<String> names = shows.sources(show.id()).stream().map(io.centralkitchen.processes.show.ShowSource::name).toList();
        if (names.isEmpty()) {
            throw new IllegalStateException("Show '" + show.id() + "' has a single source (its one ingest): there is nothing to cut to");
        }
        if (!names.contains(source)) {
            throw new IllegalArgumentException("Show '" + show.id() + "' has no source '" + source + "'; its sources: " + names);
        }
        return command(show, LiveCommands.CUT, java.util.Map.of("source", source), userId);
    }

    /** Puts the slate on air until the next cut ({@link LiveShow#cutToSlate} on the show's owner). */
    public LiveCluster.Outcome cutToSlate(Show show, String userId) {
        if (shows.sources(show.id()).isEmpty()) {
            throw new IllegalStateException("Show '" + show.id() + "' has a single source (its one ingest): its slate comes only when the feed is lost");
        }
        return command(show, LiveCommands.CUT_SLATE, java.util.Map.of(), userId);
    }

    private LiveCluster.Outcome command(Show show, String kind, java.util.Map<String, ?> payload, String userId) {
        if (cluster.lease(show.id()).isEmpty()) {
            throw new IllegalStateException("Show '" + show.id() + "' is not live");
        }
        LiveCluster.Outcome outcome = cluster.command(show.stationId(), show.id(), kind, payload, userId, java.time.Duration.ofSeconds(1));
        log.info("Show {}: {} by {}: {}", show.id(), kind, userId, outcome.state().toLowerCase());
        return outcome;
    }

    /** Takes a destination off the show wherever it runs (a command to its owner). */
    public void removeDestination(String showId, String destinationId) {
        cluster.lease(showId).ifPresent(l -> {
            LiveCluster.Outcome o = cluster.command(l.stationId(), showId, LiveCommands.REMOVE_DESTINATION,
                    java.util.Map.of("id", destinationId), "show:" + showId, java.time.Duration.ofSeconds(1));
            log.info("Show {}: destination {} removed by a producer ({})", showId, destinationId, o.state().toLowerCase());
        });
    }
}
