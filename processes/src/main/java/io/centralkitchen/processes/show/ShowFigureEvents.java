package io.centralkitchen.processes.show;

import io.centralkitchen.processes.show.figures.FigureMath;

import io.centralkitchen.routes.webhook.PlatformEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The events behind a show's figures ({@code show_figure_event}), stored with the platform's time. Every write names
 * the station and the show is looked up in that station: an event naming another station's show is left aside.
 */
@Repository
public class ShowFigureEvents {

    private static final Logger log = LoggerFactory.getLogger(ShowFigureEvents.class);
    /** A show's figures are computed from at most this many events (a day of 1-second samples on 5 platforms). */
    public static final int MAX_EVENTS = 500_000;

    private final JdbcTemplate jdbc;

    public ShowFigureEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs in the webhook's transaction: what a platform event adds to its show's figures (nothing, for most types). */
    public void record(PlatformEvent event) {
        String showRef = showRef(event);
        if (showRef == null) {
            return;
        }
        if (!showOfStation(event.station(), showRef)) {
            log.info("{} event of {} for show '{}' left out of the figures: station '{}' has no such show",
                    event.type().wireName(), event.platform(), showRef, event.station());
            return;
        }
        Instant at = event.occurredAt();
        switch (event.type()) {
            case ORDER_CREATED, ORDER_PAID, ORDER_SHIPPED -> insert(event, showRef, FigureMath.Kind.ORDER, at, null,
                    event.order().amount(), event.order().orderId(), "WEBHOOK");
            case ORDER_REFUNDED -> {
                PlatformEvent.Order o = event.order();
                insert(event, showRef, FigureMath.Kind.ORDER, at, null, o.amount(), o.orderId(), "WEBHOOK");
                insert(event, showRef, FigureMath.Kind.REFUND, at, null, o.refundAmount() != null ? o.refundAmount() : o.amount(),
                        o.orderId(), "WEBHOOK");
            }
            case COMMENT_CREATED -> insert(event, showRef, FigureMath.Kind.COMMENT, at, 1L, null, null, "WEBHOOK");
            case RESERVATION_UPDATED -> insert(event, showRef, FigureMath.Kind.RESERVATIONS, at, event.reservation().count(),
                    null, null, "WEBHOOK");
            case LIKES_ADDED -> insert(event, showRef, FigureMath.Kind.LIKES, at, event.audience().likes(), null, null, "WEBHOOK");
            case VIEWERS_SAMPLED -> viewers(event.station(), event.platform(), showRef, at, event.audience().concurrent(),
                    event.audience().newViewers(), "WEBHOOK");
            default -> { }
        }
    }

    /** A viewer count (from a webhook or a poll) of a show already checked to be the station's. */
    public void viewers(String station, String platform, String showId, Instant at, long concurrent, Long newViewers, String source) {
        insertRow(station, showId, platform, FigureMath.Kind.VIEWERS, at, concurrent, null, null, source);
        if (newViewers != null && newViewers > 0) {
            insertRow(station, showId, platform, FigureMath.Kind.NEW_VIEWERS, at, newViewers, null, null, source);
        }
    }

    public boolean showOfStation(String station, String showId) {
        Integer n = jdbc.queryForObject("select count(*) from kitchen_show where id = ? and station_id = ?", Integer.class,
                showId, station);
        return n != null && n > 0;
    }

    /** The show's events, oldest first; the show must already have been checked to be the station's. */
    public List<FigureMath.Event> ofShow(String station, String showId) {
        return jdbc.query("select platform, kind, occurred_at, count_value, amount, order_id, id from show_figure_event"
                        + " where station_id = ? and show_id = ? order by occurred_at, id fetch first " + MAX_EVENTS + " rows only",
                (rs, i) -> new FigureMath.Event(rs.getString(1), FigureMath.Kind.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), rs.getLong(4), rs.getBigDecimal(5), rs.getString(6), rs.getLong(7)),
                station, showId);
    }

    private static String showRef(PlatformEvent event) {
        return switch (event.type()) {
            case ORDER_CREATED, ORDER_PAID, ORDER_SHIPPED, ORDER_REFUNDED -> event.order().showRef();
            case COMMENT_CREATED -> event.comment().showRef();
            case RESERVATION_UPDATED -> event.reservation().showRef();
            case VIEWERS_SAMPLED, LIKES_ADDED -> event.audience().showRef();
            default -> null;
        };
    }

    private void insert(PlatformEvent event, String showId, FigureMath.Kind kind, Instant at, Long value, BigDecimal amount,
                        String orderId, String source) {
        insertRow(event.station(), showId, event.platform(), kind, at, value, amount, orderId, source);
    }

    private void insertRow(String station, String showId, String platform, FigureMath.Kind kind, Instant at, Long value,
                           BigDecimal amount, String orderId, String source) {
        jdbc.update("insert into show_figure_event (station_id, show_id, platform, kind, occurred_at, count_value, amount,"
                        + " order_id, source, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", station, showId, platform,
                kind.name(), Timestamp.from(at), value, amount, orderId, source, Timestamp.from(Instant.now()));
    }
}
