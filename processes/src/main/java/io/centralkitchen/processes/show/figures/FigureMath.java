package io.centralkitchen.processes.show.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The show's figures computed exactly from the events a platform reported, by the platform's own time (never by
 * arrival: a late event counts where it happened). Pure: no database, no clock.
 * <ul>
 *   <li>A window is a half-open interval [start, end): the opening before the first slot, each slot from its
 *   {@code on_air_at} to the next slot's, the after-show from the live end. An event belongs to the window its time
 *   falls in.</li>
 *   <li>Concurrent viewers are a step function per platform: a sample holds until the platform's next sample; before a
 *   platform's first sample and from the live end the room counts 0. <b>Peak</b> is the highest value the function takes in the window (the
 *   value carried in at its start included). <b>Average</b> is time-weighted: the integral of the function over the
 *   window divided by the window's length (2 decimals, half-up); it is absent for windows without both ends. Across
 *   platforms the functions are added (the peak of the sum, not the sum of peaks).</li>
 *   <li>Reservations are the platform's running count: a window gains the count at its end minus the count before its
 *   start (cancellations can make it negative).</li>
 *   <li>An order counts once, in the window of its earliest event, at the amount of its latest event; its refunds
 *   count in the same window (the slot that sold it), whenever they came.</li>
 *   <li>Conversion is orders ÷ peak concurrent viewers (4 decimals, half-up); absent when the peak is 0.</li>
 * </ul>
 */
public final class FigureMath {

    public enum Kind {
        VIEWERS, NEW_VIEWERS, LIKES, COMMENT, RESERVATIONS, ORDER, REFUND
    }

    /** One stored event; {@code seq} orders events of the same time (the row id). */
    public record Event(String platform, Kind kind, Instant at, long value, BigDecimal amount, String orderId, long seq) {
    }

    /** [start, end); a null start or end is open. */
    public record Window(String key, Instant start, Instant end) {

        boolean contains(Instant t) {
            return (start == null || !t.isBefore(start)) && (end == null || t.isBefore(end));
        }
    }

    public record Figures(long peakViewers, BigDecimal avgViewers, long newViewers, long comments, long likes,
                          long reservations, int orders, BigDecimal revenue, BigDecimal refunds, int refundedOrders,
                          BigDecimal conversion) {
    }

    public static final String ALL = "all";

    private final List<Window> windows;
    private final Instant roomClosed;
    private final Map<String, List<Event>> viewers = new LinkedHashMap<>();
    private final Map<String, List<Event>> reservations = new HashMap<>();
    private final List<Event> others = new ArrayList<>();
    private final Map<String, Placed> orders = new LinkedHashMap<>();

    private static final class Placed {
        String platform;
        Instant placedAt;
        Instant lastAt;
        long lastSeq = Long.MIN_VALUE;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        boolean ordered;
    }

    /** @param windows in time order, consecutive */
    public FigureMath(List<Window> windows, List<Event> events) {
        this(windows, events, null);
    }

    /**
     * @param roomClosed when the live rooms closed (the live end): from then on no one is watching live, whatever the
     *                   last sample said; null while the show is live
     */
    public FigureMath(List<Window> windows, List<Event> events, Instant roomClosed) {
        this.roomClosed = roomClosed;
        this.windows = List.copyOf(windows);
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Event::at).thenComparingLong(Event::seq));
        for (Event e : sorted) {
            switch (e.kind()) {
                case VIEWERS -> viewers.computeIfAbsent(e.platform(), p -> new ArrayList<>()).add(e);
                case RESERVATIONS -> reservations.computeIfAbsent(e.platform(), p -> new ArrayList<>()).add(e);
                case ORDER, REFUND -> order(e);
                default -> others.add(e);
            }
        }
    }

    private void order(Event e) {
        Placed o = orders.computeIfAbsent(e.platform() + "\u0000" + e.orderId(), k -> new Placed());
        o.platform = e.platform();
        if (o.placedAt == null || e.at().isBefore(o.placedAt)) {
            o.placedAt = e.at();
        }
        if (e.kind() == Kind.REFUND) {
            o.refunded = o.refunded.add(e.amount() == null ? BigDecimal.ZERO : e.amount());
            return;
        }
        o.ordered = true;
        if (o.lastAt == null || !e.at().isBefore(o.lastAt)) {
            o.lastAt = e.at();
            o.lastSeq = e.seq();
            o.amount = e.amount() == null ? BigDecimal.ZERO : e.amount();
        }
    }

    /** The platforms that reported anything, by name. */
    public List<String> platforms() {
        TreeSet<String> all = new TreeSet<>(viewers.keySet());
        all.addAll(reservations.keySet());
        others.forEach(e -> all.add(e.platform()));
        orders.values().forEach(o -> all.add(o.platform));
        return List.copyOf(all);
    }

    public List<Window> windows() {
        return windows;
    }

    /** One platform's viewer samples in time order (for the chart). */
    public List<Event> viewerSamples(String platform) {
        return viewers.getOrDefault(platform, List.of());
    }

    /** When each order was placed (its earliest event), per platform, in time order (for the chart). */
    public List<Event> placements() {
        return orders.values().stream().filter(o -> o.ordered)
                .map(o -> new Event(o.platform, Kind.ORDER, o.placedAt, 1, o.amount, null, 0))
                .sorted(Comparator.comparing(Event::at)).toList();
    }

    /** The figures of one platform (or {@link #ALL}) in a window. */
    public Figures figures(Window w, String platform) {
        return figures(w, platform, w.start(), w.end());
    }

    /**
     * @param averageFrom where the average's interval starts (the window's start, or the live start for the whole show)
     */
    public Figures figures(Window w, String platform, Instant averageFrom, Instant averageTo) {
        List<String> ps = ALL.equals(platform) ? platforms() : List.of(platform);
        long newViewers = 0, comments = 0, likes = 0;
        for (Event e : others) {
            if (ps.contains(e.platform()) && w.contains(e.at())) {
                switch (e.kind()) {
                    case NEW_VIEWERS -> newViewers += e.value();
                    case LIKES -> likes += e.value();
                    case COMMENT -> comments++;
                    default -> { }
                }
            }
        }
        long reserved = 0;
        for (String p : ps) {
            List<Event> counts = reservations.getOrDefault(p, List.of());
            long atEnd = w.end() == null ? stepValue(counts, null) : stepValue(counts, w.end().minusMillis(1));
            long before = w.start() == null ? 0 : stepValue(counts, w.start().minusMillis(1));
            reserved += atEnd - before;
        }
        int orderCount = 0, refundedOrders = 0;
        BigDecimal revenue = BigDecimal.ZERO, refunds = BigDecimal.ZERO;
        for (Placed o : orders.values()) {
            if (ps.contains(o.platform) && w.contains(o.placedAt)) {
                if (o.ordered) {
                    orderCount++;
                    revenue = revenue.add(o.amount);
                }
                if (o.refunded.signum() > 0) {
                    refundedOrders++;
                    refunds = refunds.add(o.refunded);
                }
            }
        }
        long peak = peak(w, ps);
        BigDecimal average = average(ps, averageFrom, averageTo);
        BigDecimal conversion = peak == 0 ? null
                : BigDecimal.valueOf(orderCount).divide(BigDecimal.valueOf(peak), 4, RoundingMode.HALF_UP);
        return new Figures(peak, average, newViewers, comments, likes, reserved, orderCount, revenue, refunds,
                refundedOrders, conversion);
    }

    /** The highest sum of the platforms' concurrent viewers at the window's start or at any sample inside it. */
    private long peak(Window w, List<String> ps) {
        TreeSet<Instant> candidates = new TreeSet<>();
        if (w.start() != null) {
            candidates.add(w.start());
        }
        for (String p : ps) {
            for (Event e : viewers.getOrDefault(p, List.of())) {
                if (w.contains(e.at())) {
                    candidates.add(e.at());
                }
            }
        }
        long peak = 0;
        for (Instant t : candidates) {
            long sum = 0;
            for (String p : ps) {
                sum += roomClosed != null && !t.isBefore(roomClosed) ? 0 : stepValue(viewers.getOrDefault(p, List.of()), t);
            }
            peak = Math.max(peak, sum);
        }
        return peak;
    }

    private BigDecimal average(List<String> ps, Instant from, Instant to) {
        if (from == null || to == null || !to.isAfter(from) || roomClosed != null && to.isAfter(roomClosed)) {
            return null;
        }
        BigDecimal integral = BigDecimal.ZERO;
        for (String p : ps) {
            integral = integral.add(integral(viewers.getOrDefault(p, List.of()), from, to));
        }
        return integral.divide(BigDecimal.valueOf(to.toEpochMilli() - from.toEpochMilli()), 2, RoundingMode.HALF_UP);
    }

    /** Viewer-milliseconds of one platform's step function over [from, to). */
    static BigDecimal integral(List<Event> samples, Instant from, Instant to) {
        BigDecimal sum = BigDecimal.ZERO;
        long value = stepValue(samples, from);
        long cursor = from.toEpochMilli();
        for (Event e : samples) {
            if (!e.at().isAfter(from)) {
                continue;
            }
            if (!e.at().isBefore(to)) {
                break;
            }
            sum = sum.add(BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(e.at().toEpochMilli() - cursor)));
            cursor = e.at().toEpochMilli();
            value = e.value();
        }
        return sum.add(BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(to.toEpochMilli() - cursor)));
    }

    /**
     * The value of the last sample at or before {@code t} (the last of all when t is null), 0 before the first. The
     * samples are in time order: a binary search, so a long show's many samples cost log n per look-up.
     */
    static long stepValue(List<Event> samples, Instant t) {
        if (samples.isEmpty()) {
            return 0;
        }
        if (t == null) {
            return samples.get(samples.size() - 1).value();
        }
        int lo = 0;
        int hi = samples.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (samples.get(mid).at().isAfter(t)) {
                hi = mid - 1;
            } else {
                found = mid;
                lo = mid + 1;
            }
        }
        return found < 0 ? 0 : samples.get(found).value();
    }
}
