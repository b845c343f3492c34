package io.centralkitchen.processes.show.figures;

import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.show.ShowReports;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The public-welfare report's audience and sales breakdown: for every slot of the station's shows aired in [from, to)
 * that presented a public-welfare supplier's product, the slot's figures per platform (and 'all'), with county,
 * supplier, product and show — the same figures as the show's page.
 */
@Service
public class PublicWelfareFigures {

    /** At most this many shows per report, and a period of at most a year: a bounded amount of work per request. */
    static final int MAX_SHOWS = 200;
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    public record Line(String county, String supplier, long productId, String product, String showId, String showTitle,
                       int position, String platform, FigureMath.Figures figures) {
    }

    public record Report(String stationId, Instant from, Instant to, int shows, boolean truncated, List<Line> lines) {
    }

    private final ShowReports reports;
    private final ShowFigures figures;

    public PublicWelfareFigures(ShowReports reports, ShowFigures figures) {
        this.reports = reports;
        this.figures = figures;
    }

    public Report of(String stationId, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new InvalidFieldException("to", "must be after 'from'");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidFieldException("to", "the period may be at most 366 days long; ask for one year at a time");
        }
        List<String> shows = reports.showsAired(stationId, from, to, MAX_SHOWS + 1);
        boolean truncated = shows.size() > MAX_SHOWS;
        List<Line> lines = new ArrayList<>();
        for (String showId : shows.subList(0, Math.min(shows.size(), MAX_SHOWS))) {
            ShowFigures.Figures f = figures.of(stationId, showId);
            List<Long> products = f.windows().stream().filter(w -> w.productId() != null).map(ShowFigures.Window::productId).distinct().toList();
            Map<Long, String[]> welfare = reports.publicWelfareSuppliers(stationId, products);
            for (ShowFigures.Row row : f.slots()) {
                if (row.productId() != null && welfare.containsKey(row.productId())) {
                    String[] supplier = welfare.get(row.productId());
                    lines.add(new Line(supplier[1], supplier[0], row.productId(), row.productName(), f.showId(), f.title(),
                            row.position(), row.platform(), row.figures()));
                }
            }
        }
        lines.sort(Comparator.comparing(Line::county).thenComparing(Line::supplier).thenComparing(Line::product)
                .thenComparing(Line::showId).thenComparingInt(Line::position).thenComparing(Line::platform));
        return new Report(stationId, from, to, Math.min(shows.size(), MAX_SHOWS), truncated, lines);
    }
}
