package io.centralkitchen.processes.show.figures;

import io.centralkitchen.processes.access.Roles;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowReaders;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * {@code /api/shows/{showId}/figures}: the show's audience and sales per product slot and platform, as JSON and as CSV.
 * Producers and marketers of the show's station; another station's show is "not found".
 */
@RestController
@RequestMapping("/api/shows/{showId}")
public class ShowFiguresController {

    private final ShowFigures figures;
    private final ShowReaders readers;

    public ShowFiguresController(ShowFigures figures, ShowReaders readers) {
        this.figures = figures;
        this.readers = readers;
    }

    @GetMapping("/figures")
    @PreAuthorize(Roles.SHOW_READERS)
    @Operation(summary = "Audience and sales per product slot and platform",
            description = "Peak and time-weighted average concurrent viewers, new viewers, comments, likes, reservations, orders,"
                    + " revenue, refunds and conversion (orders ÷ peak viewers) per window of the show's timeline (opening,"
                    + " each slot from its on-air time to the next one's, after the show) and platform ('all' adds them up),"
                    + " then for the whole show. Events count by the platform's time, however late they arrive.")
    public ShowFigures.Figures figures(@PathVariable String showId) {
        readers.requireReader();
        Show show = readers.requireVisible(showId);
        return figures.of(show.stationId(), show.id());
    }

    @GetMapping(value = "/figures.csv", produces = "text/csv")
    @PreAuthorize(Roles.SHOW_READERS)
    @Operation(summary = "The show's figures as CSV", description = "The same figures as GET /figures, one line per window and platform.")
    public ResponseEntity<byte[]> csv(@PathVariable String showId) {
        readers.requireReader();
        Show show = readers.requireVisible(showId);
        byte[] body = FiguresCsv.of(figures.of(show.stationId(), show.id())).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"figures-" + show.id() + ".csv\"").body(body);
    }
}
