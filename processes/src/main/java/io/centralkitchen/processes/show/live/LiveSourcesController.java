package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveShow;
import io.centralkitchen.media.live.SourceSpec;
import io.centralkitchen.media.live.SourceStats;
import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.access.Roles;
import io.centralkitchen.processes.api.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code /api/shows/{showId}/live/sources} and {@code .../live/cut}: a live show's named sources — connected or not,
 * on air or not, with a preview picture each — and the producer's cuts between them (or to the slate). Producers of
 * the show's station only; another station's show is "not live".
 */
@RestController
@RequestMapping("/api/shows/{showId}/live")
@Tag(name = "Live sources", description = "A show's sources (studio, field unit, pulled URL, test pattern) and cuts between them")
public class LiveSourcesController {

    /** What a cut asks for: the name of a connected source. */
    public record Cut(String source) {
    }

    /**
     * A cut accepted: it takes effect with the source's next picture (within a frame or two) once the show's live
     * worker has applied it — {@code state} APPLIED, or PENDING while that worker is being replaced.
     */
    public record CutAccepted(String showId, String source, long programMillis, String state) {
    }

    private final LiveEngine engine;
    private final CurrentUser currentUser;
    private final ShowLive showLive;
    private final io.centralkitchen.processes.show.Shows shows;
    private final io.centralkitchen.processes.show.live.cluster.LiveCluster cluster;

    public LiveSourcesController(LiveEngine engine, CurrentUser currentUser, ShowLive showLive,
                                 io.centralkitchen.processes.show.Shows shows,
                                 io.centralkitchen.processes.show.live.cluster.LiveCluster cluster) {
        this.shows = shows;
        this.cluster = cluster;
        this.engine = engine;
        this.currentUser = currentUser;
        this.showLive = showLive;
    }

    @GetMapping("/sources")
    @PreAuthorize(Roles.PRODUCERS)
    @Operation(summary = "The live show's sources and their state",
            description = "One entry per source in plan order: name, mode (PUBLISH, PULL, TEST_PATTERN), whether it is the"
                    + " backup, connected, on air, its picture size and frame rate while connected, and where it comes from"
                    + " (ingest URLs with the key masked). A show planned with a single ingest lists that one, named 'studio'.")
    public List<SourceStats> sources(@PathVariable String showId) {
        return producerShow(showId).sources();
    }

    @GetMapping(value = "/sources/{source}/preview.jpg", produces = MediaType.IMAGE_JPEG_VALUE)
    @PreAuthorize(Roles.PRODUCERS)
    @Operation(summary = "A connected source's latest picture (JPEG)",
            description = "Taken twice a second from the source's decoded feed, scaled to at most maxWidth (64 to 640,"
                    + " default 320) pixels wide. 404 while the source is not connected or for a single-ingest show.")
    public ResponseEntity<byte[]> preview(@PathVariable String showId, @PathVariable String source,
                                          @RequestParam(defaultValue = "320") int maxWidth) {
        if (maxWidth < 64 || maxWidth > 640) {
            throw new InvalidFieldException("maxWidth", "maxWidth is 64 to 640 pixels, got " + maxWidth);
        }
        LiveShow show = producerShow(showId);
        byte[] jpeg;
        try {
            jpeg = show.sourcePreview(source, maxWidth).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
        if (jpeg == null) {
            throw new NotFoundException("Source '" + source + "' of show '" + showId + "' has no picture: it is not connected");
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).cacheControl(CacheControl.noStore()).body(jpeg);
    }

    @PostMapping("/cut")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize(Roles.PRODUCERS)
    @Operation(summary = "Cut the program to a connected source",
            description = "Body {\"source\": \"field\"}. The program shows the source from its next picture on: no destination"
                    + " reconnects, the timeline goes on, and the cut is stored as a CUT marker (GET .../live/markers) at the"
                    + " program time it happened. 404 for an unknown source, 409 when it is not connected or the show has a"
                    + " single ingest.")
    public CutAccepted cut(@PathVariable String showId, @RequestBody(required = false) Cut cut) {
        io.centralkitchen.processes.show.Show show = producerPlannedShow(showId);
        String source = cut == null || cut.source() == null ? "" : cut.source().strip();
        if (source.isEmpty() || source.length() > 32 || !SourceSpec.NAME.matcher(source).matches()) {
            throw new InvalidFieldException("source", "Name the source to cut to (e.g. {\"source\": \"field\"}); its sources: "
                    + shows.sources(showId).stream().map(io.centralkitchen.processes.show.ShowSource::name).toList());
        }
        io.centralkitchen.processes.show.live.cluster.LiveCluster.Outcome outcome;
        try {
            outcome = showLive.cutTo(show, source, currentUser.userId());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
        return accepted(show, source, outcome);
    }

    @PostMapping("/cut/slate")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize(Roles.PRODUCERS)
    @Operation(summary = "Cut the program to the slate",
            description = "The slate stays on air until the next cut (a source that connects meanwhile does not replace it)."
                    + " Stored as a CUT marker labelled 'slate'. 409 for a show with a single ingest.")
    public CutAccepted cutToSlate(@PathVariable String showId) {
        io.centralkitchen.processes.show.Show show = producerPlannedShow(showId);
        try {
            return accepted(show, "slate", showLive.cutToSlate(show, currentUser.userId()));
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    /** A cut the show's owner refused (e.g. the source is not connected) is a 409 with its reason. */
    private CutAccepted accepted(io.centralkitchen.processes.show.Show show, String source,
                                 io.centralkitchen.processes.show.live.cluster.LiveCluster.Outcome outcome) {
        if (io.centralkitchen.processes.show.live.cluster.LiveCommands.FAILED.equals(outcome.state())) {
            throw new ConflictException(outcome.detail());
        }
        return new CutAccepted(show.id(), source, cluster.programMillis(show.id()).orElse(0), outcome.state());
    }

    /** A show planned for one of the caller's stations (the cut goes to wherever it runs). */
    private io.centralkitchen.processes.show.Show producerPlannedShow(String showId) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        return shows.find(showId).filter(s -> currentUser.worksFor(s.stationId()))
                .orElseThrow(() -> new NotFoundException("Show '" + showId + "' is not live"));
    }

    /** As {@code LiveController}: the live show, if it belongs to one of the caller's stations. */
    private LiveShow producerShow(String showId) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        return engine.show(showId).filter(s -> currentUser.worksFor(s.stationId()))
                .orElseThrow(() -> new NotFoundException("Show '" + showId + "' is not live"));
    }
}
