package io.centralkitchen.processes.live;

import io.centralkitchen.media.live.DestinationSpec;
import io.centralkitchen.media.live.IngestSpec;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveShow;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.live.ShowSpec;
import io.centralkitchen.media.live.ShowStats;
import io.centralkitchen.processes.platform.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.platform.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.platform.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.platform.CurrentUser;
import io.centralkitchen.processes.platform.KitchenGroups;
import io.centralkitchen.processes.platform.StationService;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/shows/{showId}/live/...}: producers put a show on air, change its destinations while live, mark product
 * slots and highlights, and watch every destination's health. Stream keys are named by secret id only; answers show
 * them masked.
 */
@RestController
@RequestMapping("/api/shows/{showId}/live")
public class LiveController {

    private final LiveEngine engine;
    private final CurrentUser currentUser;
    private final JdbcTemplate jdbc;
    private final StationService stations;

    public LiveController(LiveEngine engine, CurrentUser currentUser, JdbcTemplate jdbc, StationService stations) {
        this.engine = engine;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
        this.stations = stations;
    }

    public record Destination(String id, String preset, String secretId) {
    }

    public record Ingest(String mode, String keySecretId, String file) {
    }

    public record GoLive(String stationId, String title, Ingest ingest, List<Destination> destinations, Boolean record) {
    }

    public record Marker(String kind, Long productId, String label) {
    }

    public record MarkerView(long id, String kind, Long productId, String label, Instant wallClock, long streamMillis,
                             String createdBy) {
    }

    @PostMapping("/start")
    @ResponseStatus(HttpStatus.CREATED)
    public ShowStats start(@PathVariable String showId, @RequestBody GoLive request) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        if (request.stationId() == null) {
            throw new InvalidFieldException("stationId", "Name the station the show belongs to (stationId)");
        }
        currentUser.requireStation(request.stationId());
        if (stations.find(request.stationId()).isEmpty()) {
            throw new InvalidFieldException("stationId", "There is no station '" + request.stationId() + "'");
        }
        if (engine.show(showId).isPresent()) {
            throw new ConflictException("Show '" + showId + "' is already live");
        }
        if (request.ingest() == null || request.ingest().mode() == null) {
            throw new InvalidFieldException("ingest.mode", "Choose an ingest mode: PUBLISH, PULL, TEST_PATTERN or FILE");
        }
        IngestSpec.Mode mode;
        try {
            mode = IngestSpec.Mode.valueOf(request.ingest().mode().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("ingest.mode", "Unknown ingest mode '" + request.ingest().mode()
                    + "': use PUBLISH, PULL, TEST_PATTERN or FILE");
        }
        if (mode == IngestSpec.Mode.FILE) {
            throw new InvalidFieldException("ingest.mode", "FILE ingest is for the engine's own rehearsals, not the API");
        }
        List<DestinationSpec> destinations = request.destinations() == null ? List.of()
                : request.destinations().stream().map(d -> new DestinationSpec(d.id(), d.preset(), d.secretId())).toList();
        ShowSpec spec = new ShowSpec(request.stationId(), showId, request.title(),
                new IngestSpec(mode, request.ingest().keySecretId(), null), destinations,
                request.record() == null || request.record());
        LiveShow show;
        try {
            show = engine.start(spec);
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
        try {
            jdbc.update("insert into live_session (station_id, show_id, started_by, started_at) values (?,?,?,?)",
                    spec.stationId(), showId, currentUser.userId(), Timestamp.from(Instant.now()));
        } catch (RuntimeException e) {
            engine.stop(showId); // nothing half-started: no session record, no show on air
            throw e;
        }
        return show.stats();
    }

    @PostMapping("/stop")
    public Map<String, Object> stop(@PathVariable String showId) {
        LiveShow show = producerShow(showId);
        RecordingManifest manifest = engine.stop(showId);
        jdbc.update("update live_session set ended_at = coalesce(ended_at, ?) where station_id = ? and show_id = ? and ended_at is null",
                Timestamp.from(Instant.now()), show.stationId(), showId);
        return manifest == null ? Map.of("showId", showId, "recorded", false)
                : Map.of("showId", showId, "recorded", true, "manifestKey", manifest.key(),
                "segments", manifest.segments().size(), "durationMillis", manifest.durationMillis());
    }

    @GetMapping("/stats")
    public ShowStats stats(@PathVariable String showId) {
        return producerShow(showId).stats();
    }

    @PostMapping("/destinations")
    @ResponseStatus(HttpStatus.CREATED)
    public ShowStats addDestination(@PathVariable String showId, @RequestBody Destination destination) {
        LiveShow show = producerShow(showId);
        try {
            show.addDestination(new DestinationSpec(destination.id(), destination.preset(), destination.secretId()));
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
        return show.stats();
    }

    @DeleteMapping("/destinations/{destinationId}")
    public ShowStats removeDestination(@PathVariable String showId, @PathVariable String destinationId) {
        LiveShow show = producerShow(showId);
        if (!show.destinationIds().contains(destinationId)) {
            throw new NotFoundException("Show '" + showId + "' has no destination '" + destinationId + "'");
        }
        show.removeDestination(destinationId);
        return show.stats();
    }

    @PostMapping("/markers")
    @ResponseStatus(HttpStatus.CREATED)
    public MarkerView mark(@PathVariable String showId, @RequestBody Marker marker) {
        LiveShow show = producerShow(showId);
        String kind = marker.kind() == null ? "" : marker.kind().toUpperCase();
        if (!List.of("PRODUCT_ON_AIR", "PRODUCT_OFF_AIR", "HIGHLIGHT").contains(kind)) {
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
        long streamMillis = show.programMillis();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into live_marker (station_id, show_id, kind,"
                    + " product_id, label, wall_clock, stream_millis, created_by) values (?,?,?,?,?,?,?,?)", new String[]{"id"});
            insert.setString(1, show.stationId());
            insert.setString(2, showId);
            insert.setString(3, kind);
            insert.setObject(4, marker.productId());
            insert.setString(5, marker.label());
            insert.setTimestamp(6, Timestamp.from(now));
            insert.setLong(7, streamMillis);
            insert.setString(8, currentUser.userId());
            return insert;
        }, key);
        return new MarkerView(key.getKey().longValue(), kind, marker.productId(), marker.label(), now, streamMillis,
                currentUser.userId());
    }

    /** The show's markers in program order (also after the show ended), from the caller's stations only. */
    @GetMapping("/markers")
    public List<MarkerView> markers(@PathVariable String showId) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        boolean admin = currentUser.isAdmin();
        List<String> mine = currentUser.stations();
        return jdbc.query("select id, kind, product_id, label, wall_clock, stream_millis, created_by, station_id"
                        + " from live_marker where show_id = ? order by stream_millis, id",
                (rs, i) -> {
                    if (!admin && !mine.contains(rs.getString(8))) {
                        return null;
                    }
                    long product = rs.getLong(3);
                    return new MarkerView(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : product, rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getLong(6), rs.getString(7));
                }, showId).stream().filter(java.util.Objects::nonNull).toList();
    }

    public record Segment(String recordingId, int sequence, String key, long streamStartMillis, long durationMillis,
                          Instant wallClockStart, long bytes, String sha256) {
    }

    /**
     * The recording segments (of the show's latest recording) covering program time {@code fromMillis} to
     * {@code toMillis} — what a clip between two markers is cut from. Available while live and after the show.
     */
    @GetMapping("/recording")
    public List<Segment> recording(@PathVariable String showId, @RequestParam(defaultValue = "0") long fromMillis,
                                   @RequestParam(defaultValue = "9223372036854775807") long toMillis) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        if (toMillis < fromMillis) {
            throw new InvalidFieldException("toMillis", "toMillis must not be before fromMillis");
        }
        List<String> latest = jdbc.queryForList("select station_id, recording_id from live_recording_segment"
                + " where show_id = ? order by wall_clock_start desc, sequence desc", showId).stream()
                .filter(row -> currentUser.isAdmin() || currentUser.stations().contains((String) row.get("station_id")))
                .map(row -> row.get("station_id") + "/" + row.get("recording_id")).limit(1).toList();
        if (latest.isEmpty()) {
            throw new NotFoundException("Show '" + showId + "' has no recording");
        }
        String[] stationAndRecording = latest.get(0).split("/", 2);
        return jdbc.query("select recording_id, sequence, object_key, stream_start_millis, duration_millis,"
                        + " wall_clock_start, bytes, sha256 from live_recording_segment where station_id = ? and show_id = ?"
                        + " and recording_id = ? and stream_start_millis + duration_millis > ? and stream_start_millis <= ?"
                        + " order by sequence",
                (rs, i) -> new Segment(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getTimestamp(6).toInstant(), rs.getLong(7), rs.getString(8)),
                stationAndRecording[0], showId, stationAndRecording[1], fromMillis, toMillis);
    }

    private LiveShow producerShow(String showId) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        LiveShow show = engine.show(showId).orElseThrow(() -> new NotFoundException("Show '" + showId + "' is not live"));
        currentUser.requireStation(show.stationId());
        return show;
    }
}
