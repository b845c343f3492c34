package io.centralkitchen.processes.show.figures;

import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowFigureEvents;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.Shows;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A show's audience and sales per product slot and per platform ({@link FigureMath} says how each figure is defined),
 * computed on every read from the events stored with their platform time, so late events count where they happened.
 * The caller names the station; the show is loaded in that station.
 */
@Service
public class ShowFigures {

    public static final String AVERAGE_DEFINITION = "time-weighted: each viewer sample holds until the platform's next"
            + " one (0 before its first); the integral over the window divided by the window's length";

    /** A window of the show's timeline: the opening, a product slot (position and product), the after-show. */
    public record Window(String key, Integer position, Long productId, String productName, Instant start, Instant end,
                         boolean aired) {
    }

    public record Row(String window, Integer position, Long productId, String productName, String platform,
                      FigureMath.Figures figures) {
    }

    public record Figures(String showId, String stationId, String title, String state, Instant liveStartedAt,
                          Instant liveEndedAt, Instant computedAt, String averageDefinition, List<String> platforms,
                          List<Window> windows, List<Row> slots, List<Row> platformTotals) {
    }

    /** The figures and the calculation behind them (the chart draws from it). */
    public record Computed(Figures figures, FigureMath math, Instant timelineStart, Instant timelineEnd) {
    }

    private final Shows shows;
    private final ShowProducts products;
    private final ShowFigureEvents events;
    private final Clock clock;

    public ShowFigures(Shows shows, ShowProducts products, ShowFigureEvents events) {
        this.shows = shows;
        this.products = products;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    public Figures of(String stationId, String showId) {
        return compute(stationId, showId).figures();
    }

    public Computed compute(String stationId, String showId) {
        Show show = shows.require(stationId, showId);
        Instant now = clock.instant();
        List<ShowSlot> slots = shows.slots(showId);
        Map<Long, Product> catalogue = products.of(stationId, slots);
        List<ShowSlot> aired = slots.stream().filter(s -> s.onAirAt() != null)
                .sorted(Comparator.comparing(ShowSlot::onAirAt).thenComparingInt(ShowSlot::position)).toList();
        Instant liveEnd = show.liveEndedAt() != null ? show.liveEndedAt() : show.liveStartedAt() != null || !aired.isEmpty() ? now : null;
        Instant liveStart = show.liveStartedAt();
        if (!aired.isEmpty() && (liveStart == null || aired.get(0).onAirAt().isBefore(liveStart))) {
            liveStart = aired.get(0).onAirAt();
        }
        List<Window> windows = new ArrayList<>();
        Instant firstSlot = aired.isEmpty() ? liveEnd : aired.get(0).onAirAt();
        // the opening holds everything before the first product (the warm-up's reservations too); its average runs from the live start
        windows.add(new Window("opening", null, null, "before the first product", null, firstSlot, true));
        for (int i = 0; i < aired.size(); i++) {
            ShowSlot s = aired.get(i);
            Instant end = i + 1 < aired.size() ? aired.get(i + 1).onAirAt() : max(liveEnd, s.onAirAt());
            windows.add(new Window("slot-" + s.position(), s.position(), s.productId(), name(catalogue, s.productId()), s.onAirAt(), end, true));
        }
        if (liveEnd != null) {
            windows.add(new Window("after", null, null, "after the show", liveEnd, null, true));
        }
        FigureMath math = new FigureMath(windows.stream().map(w -> new FigureMath.Window(w.key(), w.start(), w.end())).toList(),
                events.ofShow(stationId, showId), show.liveEndedAt());
        List<String> platforms = new ArrayList<>(math.platforms());
        List<String> columns = new ArrayList<>(platforms);
        columns.add(FigureMath.ALL);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            FigureMath.Window mw = math.windows().get(i);
            for (String p : columns) {
                rows.add(new Row(w.key(), w.position(), w.productId(), w.productName(), p,
                        math.figures(mw, p, w.start() != null ? w.start() : liveStart, w.end())));
            }
        }
        for (ShowSlot s : slots) {
            if (s.onAirAt() == null) {
                windows.add(new Window("slot-" + s.position(), s.position(), s.productId(), name(catalogue, s.productId()), null, null, false));
            }
        }
        FigureMath.Window whole = new FigureMath.Window("show", null, null);
        List<Row> totals = new ArrayList<>();
        for (String p : columns) {
            totals.add(new Row("show", null, null, null, p, math.figures(whole, p, liveStart, liveEnd)));
        }
        Figures figures = new Figures(show.id(), show.stationId(), show.title(), show.state(), show.liveStartedAt(),
                show.liveEndedAt(), now, AVERAGE_DEFINITION, platforms, windows, rows, totals);
        Instant from = liveStart != null ? liveStart : show.airTime();
        Instant to = liveEnd != null && liveEnd.isAfter(from) ? liveEnd : from.plusSeconds(3600);
        return new Computed(figures, math, from, to);
    }

    private static String name(Map<Long, Product> catalogue, long productId) {
        Product p = catalogue.get(productId);
        return p == null ? null : p.name();
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : a.isAfter(b) ? a : b;
    }
}
