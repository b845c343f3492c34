package io.centralkitchen.processes.show.room;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.access.Roles;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.show.Shows;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/shows/{showId}/live/events}: the control room's server-sent events, for the show's producers. */
@RestController
public class LiveEventsController {

    private final LiveEventStreams streams;
    private final Shows shows;
    private final CurrentUser currentUser;

    public LiveEventsController(LiveEventStreams streams, Shows shows, CurrentUser currentUser) {
        this.streams = streams;
        this.shows = shows;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/shows/{showId}/live/events")
    @PreAuthorize(Roles.PRODUCERS)
    @Operation(summary = "Server-sent events of a show for its control room",
            description = "A text/event-stream. Event 'stats' (every 500 ms while the show is live): the same body as"
                    + " GET /api/shows/{showId}/live/stats — every destination's state, bitrate, fps, queue, drops, reconnects"
                    + " and last error, push URLs masked. Event 'show' (at once, then whenever it changes): the show's state,"
                    + " whether it is live in the engine, the positions of the slots that have been on air and the slot on air"
                    + " now; read GET /api/shows/{showId} again for the details. Producers of the show's station only;"
                    + " another station's show is 404. The stream ends after 30 minutes (EventSource reconnects).")
    public SseEmitter events(@PathVariable String showId) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        shows.find(showId).filter(s -> currentUser.worksFor(s.stationId()))
                .orElseThrow(() -> new NotFoundException("There is no show '" + showId + "'"));
        return streams.subscribe(showId);
    }
}
