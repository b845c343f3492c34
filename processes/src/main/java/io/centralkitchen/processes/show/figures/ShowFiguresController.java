package io.centralkitchen.processes.show.figures;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.Roles;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code /api/shows/{showId}/figures}: the show's audience and sales per product slot and platform, as JSON and as CSV.
 * Producers and marketers of the show's station; another station's show is "not found".
 */
@RestController
@RequestMapping("/api/shows")
public class ShowFiguresController {

    private final ShowFigures figures;
    private final PublicWelfareFigures publicWelfare;
    private final ShowReaders readers;
    private final CurrentUser currentUser;

    public ShowFiguresController(ShowFigures figures, PublicWelfareFigures publicWelfare, ShowReaders readers, CurrentUser currentUser) {
        this.figures = figures;
        this.publicWelfare = publicWelfare;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @GetMapping("/reports/public-welfare/figures")
    @PreAuthorize(Roles.SHOW_READERS)
    @Operation(summary = "The public-welfare report's audience and sales per slot",
            description = "For every slot of the station's shows aired in [from, to) (dates or ISO-8601 times, at most 366 days,"
                    + " at most 200 shows) that presented a public-welfare supplier's product: county, supplier, product, show"
                    + " and the slot's figures per platform ('all' adds them up).")
    public PublicWelfareFigures.Report publicWelfare(@RequestParam String stationId, @RequestParam String from, @RequestParam String to) {
        readers.requireReader();
        currentUser.requireStation(stationId);
        return publicWelfare.of(stationId, time("from", from), time("to", to));
    }

    private static Instant time(String field, String text) {
        try {
            if (text.length() > 40) {
                throw new IllegalArgumentException();
            }
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (RuntimeException e) {
            throw new InvalidFieldException(field, "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + "' is not a date (2026-05-01) or ISO-8601 UTC time (2026-05-01T20:00:00Z)");
        }
    }

    @GetMapping("/{showId}/figures")
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

    @GetMapping(value = "/{showId}/figures.csv", produces = "text/csv")
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
