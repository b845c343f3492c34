package io.centralkitchen.processes.show;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The show report: per product slot — when it aired and for how long, the orders, revenue and refunds the platforms
 * reported for it (platform_order rows naming the show), and how many platforms published its clip — plus the show's
 * totals. Compiling stores the lines in {@code show_report_line}; every read compiles again, so late orders and
 * refunds count. Per-county totals of public-welfare suppliers serve the station's public-welfare reporting.
 */
@Service
public class ShowReports {

    public record Line(int position, long productId, String productName, String supplier, String county, boolean publicWelfare,
                       Long onAirMillis, Long airedMillis, int orders, BigDecimal revenue, BigDecimal refunds,
                       int refundedOrders, int clipPublications) {
    }

    public record Totals(int orders, BigDecimal revenue, BigDecimal refunds, int refundedOrders, int clipPublications,
                         int ordersWithoutProduct, BigDecimal revenueWithoutProduct) {
    }

    public record Publications(String kind, String state, int count) {
    }

    public record Reservations(String destinationId, String platform, Long count, Instant reportedAt) {
    }

    public record Report(String showId, String stationId, String title, String state, Instant airTime, Instant liveStartedAt,
                         Instant liveEndedAt, Long recordedMillis, Totals totals, List<Line> products,
                         List<Publications> publications, List<Reservations> reservations, Instant compiledAt,
                         String evidencePack, List<Presenters> presenters, List<ShowCommerce.PromotionFigures> promotions) {
    }

    /** Who presented a slot (its own hosts, or else the show's): host ids and display names. */
    public record Presenters(int position, long productId, List<Long> hostIds, List<String> hosts) {
    }

    public record CountyTotals(String county, int shows, int products, int orders, BigDecimal revenue, BigDecimal refunds) {
    }

    private final JdbcTemplate jdbc;
    private final Shows shows;
    private final ShowCommerce commerce;

    public ShowReports(JdbcTemplate jdbc, Shows shows, ShowCommerce commerce) {
        this.commerce = commerce;
        this.jdbc = jdbc;
        this.shows = shows;
    }

    @Transactional
    public Report compile(String showId) {
        Show show = shows.require(showId);
        List<ShowSlot> slots = shows.slots(showId);
        long recordingEnd = recordingEndMillis(show);
        Instant now = Instant.now();
        List<Line> lines = new ArrayList<>();
        List<ShowSlot> aired = slots.stream().filter(ShowSlot::onAir).sorted((a, b) -> Long.compare(a.onAirMillis(), b.onAirMillis())).toList();
        for (ShowSlot slot : slots) {
            Long airedMillis = null;
            if (slot.onAir()) {
                int i = aired.indexOf(slot);
                long end = i + 1 < aired.size() ? aired.get(i + 1).onAirMillis() : Math.max(recordingEnd, slot.onAirMillis());
                airedMillis = end - slot.onAirMillis();
            }
            Map<String, Object> product = jdbc.queryForMap("select p.name, s.name as supplier, s.county, s.public_welfare from product p"
                    + " join supplier s on s.id = p.supplier_id where p.id = ?", slot.productId());
            Map<String, Object> sales = jdbc.queryForMap("select count(*) as orders, coalesce(sum(amount), 0) as revenue,"
                            + " coalesce(sum(refunded_amount), 0) as refunds, coalesce(sum(case when refunded_amount > 0 then 1 else 0 end), 0)"
                            + " as refunded from platform_order where station_id = ? and show_ref = ? and product_id = ?",
                    show.stationId(), showId, slot.productId());
            int published = jdbc.queryForObject("select count(*) from show_publication p join show_clip c on c.id = p.clip_id"
                    + " where c.slot_id = ? and p.kind = 'CLIP' and p.state = 'SENT'", Integer.class, slot.id());
            Line line = new Line(slot.position(), slot.productId(), (String) product.get("name"), (String) product.get("supplier"),
                    (String) product.get("county"), Boolean.TRUE.equals(product.get("public_welfare")), slot.onAirMillis(),
                    airedMillis, ((Number) sales.get("orders")).intValue(), amount(sales.get("revenue")), amount(sales.get("refunds")),
                    ((Number) sales.get("refunded")).intValue(), published);
            lines.add(line);
            store(showId, line, now);
        }
        Map<String, Object> loose = jdbc.queryForMap("select count(*) as orders, coalesce(sum(amount), 0) as revenue from platform_order"
                + " where station_id = ? and show_ref = ? and (product_id is null or product_id not in"
                + " (select product_id from show_slot where show_id = ?))", show.stationId(), showId, showId);
        Totals totals = new Totals(lines.stream().mapToInt(Line::orders).sum(),
                lines.stream().map(Line::revenue).reduce(BigDecimal.ZERO, BigDecimal::add),
                lines.stream().map(Line::refunds).reduce(BigDecimal.ZERO, BigDecimal::add),
                lines.stream().mapToInt(Line::refundedOrders).sum(), lines.stream().mapToInt(Line::clipPublications).sum(),
                ((Number) loose.get("orders")).intValue(), amount(loose.get("revenue")));
        List<Publications> publications = jdbc.query("select kind, state, count(*) from show_publication where show_id = ?"
                + " group by kind, state order by kind, state", (rs, i) -> new Publications(rs.getString(1), rs.getString(2), rs.getInt(3)), showId);
        List<Reservations> reservations = shows.destinations(showId).stream().filter(d -> d.platform() != null)
                .map(d -> new Reservations(d.destinationId(), d.platform(), d.reservations(), d.reservationsAt())).toList();
        List<Long> showHosts = commerce.showHosts(show.stationId(), showId);
        Map<Integer, List<Long>> slotHosts = commerce.slotHosts(show.stationId(), showId);
        Map<Long, String> names = commerce.hostNames(show.stationId());
        List<Presenters> presenters = slots.stream().map(s -> {
            List<Long> ids = slotHosts.getOrDefault(s.position(), showHosts);
            return new Presenters(s.position(), s.productId(), ids, ids.stream().map(names::get).toList());
        }).toList();
        return new Report(show.id(), show.stationId(), show.title(), show.state(), show.airTime(), show.liveStartedAt(),
                show.liveEndedAt(), show.recordedMillis(), totals, lines, publications, reservations, now,
                "/api/stations/" + show.stationId() + "/archive/shows/" + show.id() + "/pack", presenters,
                commerce.promotionFigures(show.stationId(), showId));
    }

    /** Program time (ms) where the show's recording ends: the end of its last indexed segment. */
    public long recordingEndMillis(Show show) {
        if (show.recordingId() == null) {
            return 0;
        }
        Long end = jdbc.queryForObject("select max(stream_start_millis + duration_millis) from live_recording_segment"
                + " where station_id = ? and show_id = ? and recording_id = ?", Long.class, show.stationId(), show.id(), show.recordingId());
        return end == null ? 0 : end;
    }

    private void store(String showId, Line line, Instant at) {
        jdbc.update("delete from show_report_line where show_id = ? and product_id = ?", showId, line.productId());
        jdbc.update("insert into show_report_line (show_id, product_id, slot_position, on_air_millis, aired_millis, orders, revenue,"
                        + " refunds, refunded_orders, clip_publications, compiled_at) values (?,?,?,?,?,?,?,?,?,?,?)",
                showId, line.productId(), line.position(), line.onAirMillis(), line.airedMillis(), line.orders(), line.revenue(),
                line.refunds(), line.refundedOrders(), line.clipPublications(), Timestamp.from(at));
    }

    /** Orders, revenue and refunds of public-welfare suppliers' products in the station's shows aired in [from, to), by county. */
    public List<CountyTotals> counties(String stationId, Instant from, Instant to) {
        return jdbc.query("select coalesce(s.county, '(no county)') as county, count(distinct o.show_ref), count(distinct p.id),"
                        + " count(o.id), coalesce(sum(o.amount), 0), coalesce(sum(o.refunded_amount), 0)"
                        + " from platform_order o join product p on p.id = o.product_id join supplier s on s.id = p.supplier_id"
                        + " join kitchen_show k on k.id = o.show_ref and k.station_id = o.station_id"
                        + " where o.station_id = ? and s.public_welfare = true and k.air_time >= ? and k.air_time < ?"
                        + " group by coalesce(s.county, '(no county)') order by 5 desc, 1",
                (rs, i) -> new CountyTotals(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6)), stationId, Timestamp.from(from), Timestamp.from(to));
    }

    /** The public-welfare supplier (name, county) of each of these products of the station that has one. */
    public Map<Long, String[]> publicWelfareSuppliers(String stationId, List<Long> productIds) {
        Map<Long, String[]> found = new java.util.HashMap<>();
        for (Long productId : productIds) {
            jdbc.query("select p.id, s.name, coalesce(s.county, '(no county)') from product p join supplier s on s.id = p.supplier_id"
                            + " where p.id = ? and p.station_id = ? and s.public_welfare = true",
                    rs -> {
                        found.put(rs.getLong(1), new String[]{rs.getString(2), rs.getString(3)});
                    }, productId, stationId);
        }
        return found;
    }

    /** The station's shows aired in [from, to), at most {@code limit}, oldest first. */
    public List<String> showsAired(String stationId, Instant from, Instant to, int limit) {
        return jdbc.queryForList("select id from kitchen_show where station_id = ? and air_time >= ? and air_time < ?"
                + " order by air_time, id fetch first " + limit + " rows only", String.class, stationId, Timestamp.from(from), Timestamp.from(to));
    }

    private static BigDecimal amount(Object value) {
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }
}
