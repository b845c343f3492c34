package io.centralkitchen.processes.orders;

import java.util.Map;
import java.util.LinkedHashMap;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.routes.webhook.PlatformEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orders as the platforms report them. Each event is applied exactly once (the webhook receipt sees to that) and
 * moves the order's state forward only: a "created" that arrives after "shipped" fills in what was missing but does
 * not take the order back. Refund events add to the refunded amount (partial refunds come as several events).
 */
@Service
public class PlatformOrders {

    /** Order states in the only order they can follow. */
    public enum State {
        CREATED, PAID, SHIPPED, REFUNDED
    }

    public record Order(String stationId, String platform, String orderId, String showRef, Long productId, BigDecimal amount,
                        BigDecimal refundedAmount, State state, int eventCount) {
    }

    private final JdbcTemplate jdbc;
    private final ArchiveLog archive;

    public PlatformOrders(JdbcTemplate jdbc, ArchiveLog archive) {
        this.archive = archive;
        this.jdbc = jdbc;
    }

    static State stateOf(PlatformEvent.Type type) {
        return switch (type) {
            case ORDER_CREATED -> State.CREATED;
            case ORDER_PAID -> State.PAID;
            case ORDER_SHIPPED -> State.SHIPPED;
            case ORDER_REFUNDED -> State.REFUNDED;
            default -> throw new IllegalArgumentException(type + " is not an order event");
        };
    }

    /** Applies one order event; runs in the webhook's transaction. */
    public void apply(PlatformEvent event) {
        PlatformEvent.Order o = event.order();
        State incoming = stateOf(event.type());
        BigDecimal refund = incoming == State.REFUNDED ? (o.refundAmount() != null ? o.refundAmount() : o.amount()) : BigDecimal.ZERO;
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp occurred = Timestamp.from(event.occurredAt());
        Optional<Locked> existing = lock(event.station(), event.platform(), o.orderId());
        if (existing.isEmpty()) {
            jdbc.update("insert into platform_order (station_id, platform, order_id, show_ref, product_id, sku, quantity, amount,"
                            + " currency, refunded_amount, state, event_count, last_event_at, created_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
                    event.station(), event.platform(), o.orderId(), o.showRef(), o.productId(), o.sku(), o.quantity(), o.amount(),
                    o.currency(), refund, incoming.name(), occurred, now, now);
            archive(event, incoming);
            return;
        }
        State known = existing.get().order().state();
        State state = known.compareTo(incoming) >= 0 ? known : incoming;
        jdbc.update("update platform_order set state = ?, event_count = event_count + 1, refunded_amount = refunded_amount + ?,"
                        + " show_ref = coalesce(show_ref, ?), product_id = coalesce(product_id, ?), sku = coalesce(sku, ?),"
                        + " quantity = coalesce(quantity, ?), amount = ?, last_event_at = greatest(last_event_at, ?), updated_at = ?"
                        + " where id = ?", // the row locked above, by its key: H2 chose the show index for the three
                // columns and walked every order of the station (issue 18: accepted webhooks at 0.5 of refused ones)
                state.name(), refund, o.showRef(), o.productId(), o.sku(), o.quantity(), o.amount(), occurred, now,
                existing.get().id());
        archive(event, incoming);
    }

    /** Each order event in the archive of the show it was sold in (or of its product). */
    private void archive(PlatformEvent event, State state) {
        PlatformEvent.Order o = event.order();
        ArchiveSubject subject = o.showRef() != null ? ArchiveSubject.show(o.showRef())
                : o.productId() != null ? ArchiveSubject.product(o.productId()) : null;
        if (subject == null) {
            return;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("platform", event.platform());
        d.put("orderId", o.orderId());
        d.put("event", event.type().name());
        d.put("state", state.name());
        d.put("productId", o.productId());
        d.put("amount", o.amount() == null ? null : o.amount().toPlainString());
        d.put("refundAmount", o.refundAmount() == null ? null : o.refundAmount().toPlainString());
        d.put("occurredAt", event.occurredAt().toString());
        archive.document(event.station(), subject, "ORDER_EVENT", d, event.platform());
    }

    /** An order row locked for this transaction, with its key. */
    private record Locked(long id, Order order) {
    }

    private Optional<Locked> lock(String station, String platform, String orderId) {
        return jdbc.query("select station_id, platform, order_id, show_ref, product_id, amount, refunded_amount, state, event_count,"
                + " id from platform_order where station_id = ? and platform = ? and order_id = ? for update", (rs, i) -> new Locked(
                rs.getLong(10), new Order(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                (Long) rs.getObject(5, Long.class), rs.getBigDecimal(6), rs.getBigDecimal(7), State.valueOf(rs.getString(8)),
                rs.getInt(9))), station, platform, orderId).stream().findFirst();
    }

    public Optional<Order> find(String station, String platform, String orderId) {
        List<Order> found = jdbc.query("select station_id, platform, order_id, show_ref, product_id, amount, refunded_amount, state,"
                + " event_count from platform_order where station_id = ? and platform = ? and order_id = ?", (rs, i) -> new Order(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), (Long) rs.getObject(5, Long.class),
                rs.getBigDecimal(6), rs.getBigDecimal(7), State.valueOf(rs.getString(8)), rs.getInt(9)), station, platform, orderId);
        return found.stream().findFirst();
    }
}
