package io.centralkitchen.processes.show.live.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.centralkitchen.media.live.DestinationSpec;
import io.centralkitchen.media.live.IngestSpec;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveShow;
import io.centralkitchen.media.live.ShowSpec;
import io.centralkitchen.media.live.SourceSpec;
import io.centralkitchen.media.live.ShowStats;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.recording.RecordingResume;
import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.processes.show.live.LiveCutMarkers;
import io.centralkitchen.processes.show.live.RecordingIndex;
import io.centralkitchen.processes.station.StationLiveSecrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a worker's shows on the live engine of this JVM: a show starts as planned, with the destinations producers
 * added or removed since it went live; a show that was recording before (another owner, or this node before a
 * restart) continues its recording. Commands are applied by kind: end, add/remove a destination, cut to a source or
 * to the slate.
 */
public final class EngineRunner implements LiveWorker.Runner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveEngine engine;
    private final Shows shows;
    private final StationLiveSecrets secrets;
    private final RecordingIndex index;
    private final RecordingGaps gaps;
    private final LiveCommands commands;
    private final String workerId;
    private final LiveOwnership ownership;
    private final LiveCutMarkers cuts;

    public EngineRunner(LiveEngine engine, Shows shows, StationLiveSecrets secrets, RecordingIndex index, RecordingGaps gaps,
                        LiveCommands commands, LiveOwnership ownership, String workerId) {
        this(engine, shows, secrets, index, gaps, commands, ownership, workerId, null);
    }

    /** @param cuts where a producer's cut is credited to them (its CUT marker's author); null: to "producer" */
    public EngineRunner(LiveEngine engine, Shows shows, StationLiveSecrets secrets, RecordingIndex index, RecordingGaps gaps,
                        LiveCommands commands, LiveOwnership ownership, String workerId, LiveCutMarkers cuts) {
        this.cuts = cuts;
        this.ownership = ownership;
        this.engine = engine;
        this.shows = shows;
        this.secrets = secrets;
        this.index = index;
        this.gaps = gaps;
        this.commands = commands;
        this.workerId = workerId;
    }

    @Override
    public ShowStats start(LiveLeases.Lease lease, long token) {
        Show show = shows.find(lease.stationId(), lease.showId()).orElseThrow(() -> new IllegalStateException(
                "Show '" + lease.showId() + "' is not planned for station '" + lease.stationId() + "'"));
        engine.abandon(show.id()); // a stale run of it here (lost and claimed again) goes first
        List<SourceSpec> sources = shows.sources(show.id()).stream().map(s -> new SourceSpec(s.name(),
                new IngestSpec(IngestSpec.Mode.valueOf(s.mode()), s.secretId(), null), s.backup())).toList();
        ShowSpec spec = new ShowSpec(show.stationId(), show.id(), show.title(),
                new IngestSpec(IngestSpec.Mode.valueOf(show.ingestMode()), show.ingestSecretId(), null),
                destinations(show, lease), true, sources);
        Instant now = Instant.now();
        RecordingResume resume = resume(show, lease, token, now);
        ownership.started(show.id(), workerId, token);
        LiveShow started = engine.start(spec, secrets.of(show.stationId()), resume);
        if (resume != null) {
            RecordingSegment last = resume.earlier().get(resume.earlier().size() - 1);
            gaps.add(show.stationId(), show.id(), new RecordingGaps.Gap(resume.recordingId(), resume.lastSequence(),
                    last.wallClockStart().plusMillis(last.durationMillis()), now, workerId, token));
        }
        return started.stats();
    }

    /** The planned destinations, then those producers added or removed while live, in order. */
    private List<DestinationSpec> destinations(Show show, LiveLeases.Lease lease) {
        Map<String, DestinationSpec> all = new LinkedHashMap<>();
        shows.destinations(show.id()).forEach(d -> all.put(d.destinationId(), new DestinationSpec(d.destinationId(), d.preset(), d.secretId())));
        List<LiveCommands.Command> applied = new ArrayList<>(commands.latest(show.stationId(), show.id(), 1000));
        java.util.Collections.reverse(applied);
        for (LiveCommands.Command c : applied) {
            if (!LiveCommands.APPLIED.equals(c.state()) || c.createdAt().isBefore(lease.openedAt())) {
                continue;
            }
            JsonNode p = payload(c);
            if (LiveCommands.ADD_DESTINATION.equals(c.kind())) {
                all.put(p.path("id").asText(), new DestinationSpec(p.path("id").asText(), p.path("preset").asText(),
                        p.path("secretId").asText(null)));
            } else if (LiveCommands.REMOVE_DESTINATION.equals(c.kind())) {
                all.remove(p.path("id").asText());
            }
        }
        return List.copyOf(all.values());
    }

    /** The recording this go-live started, continued after its last segment (none: a new recording). */
    private RecordingResume resume(Show show, LiveLeases.Lease lease, long token, Instant now) {
        Optional<String> latest = index.latestRecording(show.stationId(), show.id());
        if (latest.isEmpty()) {
            return null;
        }
        List<RecordingSegment> earlier = index.segments(show.stationId(), show.id(), latest.get());
        if (earlier.isEmpty() || earlier.get(0).wallClockStart().isBefore(lease.openedAt())) {
            return null; // an earlier go-live's recording
        }
        RecordingSegment last = earlier.get(earlier.size() - 1);
        Instant lostAt = last.wallClockStart().plusMillis(last.durationMillis());
        long gap = Math.max(0, now.toEpochMilli() - lostAt.toEpochMilli());
        return new RecordingResume(latest.get(), earlier.get(0).wallClockStart(), earlier,
                last.streamStartMillis() + last.durationMillis() + gap, "t" + token);
    }

    @Override
    public Optional<ShowStats> stats(String showId) {
        return engine.show(showId).map(LiveShow::stats);
    }

    @Override
    public String apply(LiveCommands.Command command) {
        LiveShow show = engine.show(command.showId()).orElseThrow(() -> new IllegalStateException(
                "Show '" + command.showId() + "' is not running on " + workerId));
        JsonNode p = payload(command);
        return switch (command.kind()) {
            case LiveCommands.END -> {
                RecordingManifest m = engine.stop(command.showId());
                yield m == null ? "Ended; nothing was recorded" : "Ended; recording " + m.recordingId() + " sealed ("
                        + m.segments().size() + " segments)";
            }
            case LiveCommands.ADD_DESTINATION -> {
                show.addDestination(new DestinationSpec(p.path("id").asText(), p.path("preset").asText(), p.path("secretId").asText(null)));
                yield "Destination " + p.path("id").asText() + " added";
            }
            case LiveCommands.REMOVE_DESTINATION -> {
                if (!show.destinationIds().contains(p.path("id").asText())) {
                    yield "Destination " + p.path("id").asText() + " was not there";
                }
                show.removeDestination(p.path("id").asText());
                yield "Destination " + p.path("id").asText() + " removed";
            }
            case LiveCommands.CUT -> {
                if (cuts != null) {
                    cuts.requested(command.showId(), command.createdBy());
                }
                show.cutTo(p.path("source").asText());
                yield "Cut to " + p.path("source").asText();
            }
            case LiveCommands.CUT_SLATE -> {
                if (cuts != null) {
                    cuts.requested(command.showId(), command.createdBy());
                }
                show.cutToSlate();
                yield "Slate on air";
            }
            default -> throw new IllegalArgumentException("Unknown live command '" + command.kind() + "'");
        };
    }

    private static JsonNode payload(LiveCommands.Command c) {
        try {
            return JSON.readTree(c.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void abandon(String showId) {
        engine.abandon(showId);
    }
}
