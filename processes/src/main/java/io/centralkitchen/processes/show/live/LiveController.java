package io.centralkitchen.processes.show.live;

import io.centralkitchen.processes.access.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.PlatformPreset;
import io.centralkitchen.media.live.ShowStats;
import io.centralkitchen.processes.show.live.cluster.LiveCluster;
import io.centralkitchen.processes.show.live.cluster.LiveCommands;
import io.centralkitchen.processes.show.live.cluster.LiveLeases;
import io.centralkitchen.processes.api.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.Shows;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/shows/{showId}/live/...}: producers put a show on air, change its destinations while live, mark product
 * slots and highlights, and watch every destination's health. Stream keys are named by secret id only; answers show
 * them masked. Any node answers: the show runs on whichever live worker holds it, changes to its destinations are
 * commands its owner applies (the answer says APPLIED, or PENDING when the owner has not applied it within a second).
 */
@RestController
@RequestMapping("/api/shows/{showId}/live")
public class LiveController {

    private final LiveEngine engine;
    private final CurrentUser currentUser;
    private final LiveMarkers markers;
    private final RecordingIndex index;
    private final Shows shows;
    private final ShowLive showLive;
    private final LiveCluster cluster;

    public LiveController(LiveEngine engine, CurrentUser currentUser, LiveMarkers markers,
                          RecordingIndex index, Shows shows, ShowLive showLive, LiveCluster cluster) {
        this.cluster = cluster;
        this.engine = engine;
        this.currentUser = currentUser;
        this.markers = markers;
        this.index = index;
        this.shows = shows;
        this.showLive = showLive;
    }

    private static final java.util.Set<String> FINISHED = java.util.Set.of("CANCELLED", "CLIPPING", "AFTER_SALES", "REPORTED");

    public record Destination(String id, String preset, String secretId) {
    }

    public record Ingest(String mode, String keySecretId, String file) {
    }

    public record GoLive(String stationId, String title, Ingest ingest, List<Destination> destinations, Boolean record) {
    }

    /** The answer to a change of a live show: the command, whether its owner applied it, and the show's stats. */
    public record CommandAnswer(long commandId, long seq, String kind, String state, String detail, ShowStats stats) {
    }

    /**
     * A producer's mark; {@code programMillis} (optional) places it earlier in the program than now — a correction,
     * e.g. the product actually went off air a minute ago: the clips planned at the show's end follow it.
     */
    public record Marker(String kind, Long productId, String label, Long programMillis) {
    }

    public record MarkerView(long id, String kind, Long productId, String label, Instant wallClock, long streamMillis,
                             String createdBy) {
    }

    @PostMapping("/start")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Roles.PRODUCERS)
    public ShowStats start(@PathVariable String showId, @RequestBody(required = false) GoLive request) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        Show planned = plannedShow(showId);
        if (request != null && request.stationId() != null && !request.stationId().equals(planned.stationId())) {
            throw new InvalidFieldException("stationId", "Show '" + showId + "' is planned for station '" + planned.stationId()
                    + "', not '" + request.stationId() + "'");
        }
        if (request != null && (request.ingest() != null || request.destinations() != null)) {
            throw new InvalidFieldException(request.ingest() != null ? "ingest" : "destinations", "The studio feed and the"
                    + " destinations are planned with the show (POST /api/shows); this puts the planned show on air");
        }
        if (cluster.isOpen(showId)) {
            throw new ConflictException("Show '" + showId + "' is already live");
        }
        try {
            return showLive.start(planned, currentUser.userId());
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    @PostMapping("/stop")
    @PreAuthorize(Roles.PRODUCERS)
    public Map<String, Object> stop(@PathVariable String showId) {
        LiveLeases.Lease live = producerShow(showId);
        String manifestKey = showLive.stop(shows.require(live.stationId(), showId));
        Show ended = shows.require(live.stationId(), showId);
        return manifestKey == null ? Map.of("showId", showId, "recorded", false)
                : Map.of("showId", showId, "recorded", true, "manifestKey", manifestKey,
                "durationMillis", ended.recordedMillis() == null ? 0 : ended.recordedMillis());
    }

    @GetMapping("/stats")
    @PreAuthorize(Roles.PRODUCERS)
    public ShowStats stats(@PathVariable String showId) {
        LiveLeases.Lease live = producerShow(showId);
        return cluster.stats(showId).orElseThrow(() -> new ConflictException("Show '" + showId + "' is live but no live"
                + " worker runs it right now (owner " + (live.owner() == null ? "none" : live.owner()) + "): it is being"
                + " placed or taken over"));
    }

    @PostMapping("/destinations")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Roles.PRODUCERS)
    public CommandAnswer addDestination(@PathVariable String showId, @RequestBody Destination destination) {
        LiveLeases.Lease live = producerShow(showId);
        if (destination == null || destination.id() == null || !destination.id().matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            throw new InvalidFieldException("id", "A destination id is 1 to 64 letters, digits, '-' or '_'");
        }
        PlatformPreset preset = destination.preset() == null ? null : engine.presets().get(destination.preset());
        if (preset == null) {
            throw new InvalidFieldException("preset", "Unknown preset '" + destination.preset() + "'; known presets: "
                    + String.join(", ", new java.util.TreeSet<>(engine.presets().keySet())));
        }
        if (destination.secretId() != null && destination.secretId().length() > 100) {
            throw new InvalidFieldException("secretId", "A secret id has at most 100 characters");
        }
        java.util.Map<String, String> payload = new java.util.LinkedHashMap<>();
        payload.put("id", destination.id());
        payload.put("preset", destination.preset());
        payload.put("secretId", destination.secretId());
        return answer(live, cluster.command(live.stationId(), showId, LiveCommands.ADD_DESTINATION, payload,
                currentUser.userId(), java.time.Duration.ofSeconds(1)));
    }

    @DeleteMapping("/destinations/{destinationId}")
    @PreAuthorize(Roles.PRODUCERS)
    public CommandAnswer removeDestination(@PathVariable String showId, @PathVariable String destinationId) {
        LiveLeases.Lease live = producerShow(showId);
        cluster.stats(showId).ifPresent(stats -> {
            if (stats.destinations().stream().noneMatch(d -> d.id().equals(destinationId))) {
                throw new NotFoundException("Show '" + showId + "' has no destination '" + destinationId + "'");
            }
        });
        return answer(live, cluster.command(live.stationId(), showId, LiveCommands.REMOVE_DESTINATION,
                Map.of("id", destinationId), currentUser.userId(), java.time.Duration.ofSeconds(1)));
    }

    /** A failed command is a conflict the producer can read; applied or pending, the answer says which. */
    private CommandAnswer answer(LiveLeases.Lease live, LiveCluster.Outcome o) {
        if (LiveCommands.FAILED.equals(o.state())) {
            throw new ConflictException(o.detail());
        }
        return new CommandAnswer(o.commandId(), o.seq(), o.kind(), o.state(), o.detail(),
                cluster.stats(live.showId()).orElse(null));
    }

    @PostMapping("/markers")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Roles.PRODUCERS)
    public MarkerView mark(@PathVariable String showId, @RequestBody Marker marker) {
        LiveLeases.Lease show = producerShow(showId);
        String kind = marker.kind() == null ? "" : marker.kind().toUpperCase();
        if (!LiveMarkers.KINDS.contains(kind)) {
            throw new InvalidFieldException("kind", "A marker is PRODUCT_ON_AIR, PRODUCT_OFF_AIR or HIGHLIGHT, got '"
                    + marker.kind() + "'");
        }
        if (kind.startsWith("PRODUCT") && marker.productId() == null) {
            throw new InvalidFieldException("productId", "A product marker names the product (productId)");
        }
        if (marker.label() != null && marker.label().length() > 200) {
            throw new InvalidFieldException("label", "A marker's label has at most 200 characters");
        }
        Instant now = Instant.now();
        long streamMillis = cluster.programMillis(showId).orElseThrow(() -> new ConflictException("Show '" + showId
                + "' is off air right now (its live worker is being replaced); mark again in a few seconds"));
        if (marker.programMillis() != null) {
            if (marker.programMillis() < 0 || marker.programMillis() > streamMillis) {
                throw new InvalidFieldException("programMillis", "A marker's program time is between 0 and now ("
                        + streamMillis + " ms), got " + marker.programMillis());
            }
            streamMillis = marker.programMillis();
        }
        long id = markers.add(show.stationId(), showId, kind, marker.productId(), marker.label(), now, streamMillis,
                currentUser.userId());
        return new MarkerView(id, kind, marker.productId(), marker.label(), now, streamMillis, currentUser.userId());
    }

    /** The show's markers in program order (also after the show ended), from the caller's stations only. */
    @GetMapping("/markers")
    @PreAuthorize(Roles.PRODUCERS)
    public List<MarkerView> markers(@PathVariable String showId) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        List<String> stations = markers.stationsOf(showId).stream().filter(this::mine).toList();
        if (stations.isEmpty() && cluster.lease(showId).filter(s -> mine(s.stationId())).isEmpty()) {
            throw new NotFoundException("There is no show '" + showId + "' with markers");
        }
        return stations.stream().flatMap(station -> markers.ofShow(station, showId).stream())
                .map(m -> new MarkerView(m.id(), m.kind(), m.productId(), m.label(), m.wallClock(), m.streamMillis(), m.createdBy()))
                .toList();
    }

    private boolean mine(String stationId) {
        return currentUser.isAdmin() || currentUser.stations().contains(stationId);
    }

    public record Segment(String recordingId, int sequence, String key, long streamStartMillis, long durationMillis,
                          Instant wallClockStart, long bytes, String sha256) {
    }

    /**
     * The recording segments (of the show's latest recording) covering program time {@code fromMillis} to
     * {@code toMillis} — what a clip between two markers is cut from. Available while live and after the show.
     */
    @GetMapping("/recording")
    @PreAuthorize(Roles.PRODUCERS)
    public List<Segment> recording(@PathVariable String showId, @RequestParam(defaultValue = "0") long fromMillis,
                                   @RequestParam(defaultValue = "9223372036854775807") long toMillis) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        if (toMillis < fromMillis) {
            throw new InvalidFieldException("toMillis", "toMillis must not be before fromMillis");
        }
        for (String station : index.stationsOf(showId).stream().filter(this::mine).toList()) {
            Optional<String> latest = index.latestRecording(station, showId);
            if (latest.isPresent()) {
                return index.covering(station, showId, latest.get(), fromMillis, toMillis).stream()
                        .map(s -> new Segment(s.recordingId(), s.sequence(), s.key(), s.streamStartMillis(), s.durationMillis(),
                                s.wallClockStart(), s.bytes(), s.sha256())).toList();
            }
        }
        throw new NotFoundException("Show '" + showId + "' has no recording");
    }

    /**
     * The show as planned for one of the caller's stations: the live engine runs planned shows only, so a show id
     * names one station's show everywhere (engine, HLS path, recording keys). Another station's show is "not found".
     */
    private Show plannedShow(String showId) {
        Show show = shows.find(showId).filter(s -> currentUser.worksFor(s.stationId()))
                .orElseThrow(() -> new NotFoundException("There is no show '" + showId + "' planned for your station"));
        if (FINISHED.contains(show.state())) {
            throw new ConflictException("Show '" + showId + "' is " + show.state().toLowerCase() + "; plan a new show to go live again");
        }
        return show;
    }

    private LiveLeases.Lease producerShow(String showId) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        return cluster.lease(showId).filter(s -> currentUser.worksFor(s.stationId()))
                .orElseThrow(() -> new NotFoundException("Show '" + showId + "' is not live"));
    }
}
