package io.centralkitchen.processes.show;

import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The show tables: shows, their destinations and rundown, and what the live run leaves on them. */
@Repository
public class Shows {

    private static final RowMapper<Show> SHOW = (rs, i) -> new Show(rs.getString("id"), rs.getString("station_id"),
            rs.getString("title"), instant(rs.getTimestamp("air_time")), rs.getString("hosts"), rs.getString("state"),
            rs.getString("ingest_mode"), rs.getString("ingest_secret_id"), rs.getString("teaser_state"),
            rs.getString("teaser_key"), rs.getString("teaser_note"), instant(rs.getTimestamp("live_started_at")),
            instant(rs.getTimestamp("live_ended_at")), rs.getString("recording_id"), rs.getString("manifest_key"),
            rs.getObject("recorded_millis", Long.class), rs.getString("process_instance_id"), rs.getString("created_by"),
            instant(rs.getTimestamp("created_at")));
    private static final RowMapper<ShowDestination> DESTINATION = (rs, i) -> new ShowDestination(rs.getString("destination_id"),
            rs.getString("preset"), rs.getString("secret_id"), rs.getString("platform"), rs.getString("live_room_id"),
            rs.getObject("reservations", Long.class), instant(rs.getTimestamp("reservations_at")));
    private static final RowMapper<ShowSlot> SLOT = (rs, i) -> new ShowSlot(rs.getLong("id"), rs.getString("show_id"),
            rs.getInt("position"), rs.getLong("product_id"), rs.getInt("planned_seconds"), rs.getBigDecimal("price"),
            rs.getBigDecimal("flash_sale_price"), rs.getObject("flash_sale_stock", Integer.class),
            rs.getObject("on_air_millis", Long.class), instant(rs.getTimestamp("on_air_at")), rs.getObject("marker_id", Long.class));

    private final JdbcTemplate jdbc;


    public Shows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    /** Stores a checked plan with its named sources (none: the show has its single ingest). */
    public void insert(Show show, List<ShowDestination> destinations, List<ShowSlot> slots, List<ShowSource> sources) {
        insert(show, destinations, slots);
        int position = 0;
        for (ShowSource s : sources) {
            jdbc.update("insert into show_source (show_id, position, name, mode, secret_id, backup) values (?,?,?,?,?,?)",
                    show.id(), position++, s.name(), s.mode(), s.secretId(), s.backup());
        }
    }

    public void insert(Show show, List<ShowDestination> destinations, List<ShowSlot> slots) {
        Timestamp now = now();
        jdbc.update("insert into kitchen_show (id, station_id, title, air_time, hosts, state, ingest_mode, ingest_secret_id,"
                        + " teaser_state, created_by, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?)",
                show.id(), show.stationId(), show.title(), Timestamp.from(show.airTime()), show.hosts(), Show.PLANNED,
                show.ingestMode(), show.ingestSecretId(), "NONE", show.createdBy(), now, now);
        for (ShowDestination d : destinations) {
            jdbc.update("insert into show_destination (show_id, destination_id, preset, secret_id, platform, live_room_id)"
                    + " values (?,?,?,?,?,?)", show.id(), d.destinationId(), d.preset(), d.secretId(), d.platform(), d.liveRoomId());
        }
        insertSlots(show.id(), slots);
    }

    private void insertSlots(String showId, List<ShowSlot> slots) {
        for (ShowSlot s : slots) {
            jdbc.update("insert into show_slot (show_id, position, product_id, planned_seconds, price, flash_sale_price,"
                            + " flash_sale_stock) values (?,?,?,?,?,?,?)", showId, s.position(), s.productId(),
                    s.plannedSeconds(), s.price(), s.flashSalePrice(), s.flashSaleStock());
        }
    }

    /** A new rundown, while the show is not live yet (the state is checked in the same statement's transaction). */
    @Transactional
    public boolean replaceSlots(String showId, List<ShowSlot> slots) {
        List<String> state = jdbc.queryForList("select state from kitchen_show where id = ? for update", String.class, showId);
        if (state.isEmpty() || !(Show.PLANNED.equals(state.get(0)) || Show.WARMING_UP.equals(state.get(0)))) {
            return false;
        }
        jdbc.update("delete from show_slot where show_id = ?", showId);
        insertSlots(showId, slots);
        touch(showId);
        return true;
    }

    public boolean exists(String showId) {
        return jdbc.queryForObject("select count(*) from kitchen_show where id = ?", Integer.class, showId) > 0;
    }

    public Optional<Show> find(String showId) {
        return jdbc.query("select * from kitchen_show where id = ?", SHOW, showId).stream().findFirst();
    }

    public Show require(String showId) {
        return find(showId).orElseThrow(() -> new NotFoundException("There is no show '" + showId + "'"));
    }

    /** The show if it belongs to {@code stationId}: a show id from a request or a process is looked up, not trusted. */
    public Optional<Show> find(String stationId, String showId) {
        return jdbc.query("select * from kitchen_show where id = ? and station_id = ?", SHOW, showId, stationId).stream().findFirst();
    }

    public Show require(String stationId, String showId) {
        return find(stationId, showId).orElseThrow(() -> new NotFoundException("There is no show '" + showId + "'"));
    }

    public List<Show> ofStations(List<String> stationIds, boolean all) {
        if (all) {
            return jdbc.query("select * from kitchen_show order by air_time desc", SHOW);
        }
        if (stationIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", stationIds.stream().map(s -> "?").toList());
        return jdbc.query("select * from kitchen_show where station_id in (" + marks + ") order by air_time desc", SHOW,
                stationIds.toArray());
    }

    public List<ShowDestination> destinations(String showId) {
        return jdbc.query("select * from show_destination where show_id = ? order by destination_id", DESTINATION, showId);
    }

    /** The show's named sources in plan order; empty for a show with a single ingest. */
    public List<ShowSource> sources(String showId) {
        return jdbc.query("select name, mode, secret_id, backup from show_source where show_id = ? order by position",
                (rs, i) -> new ShowSource(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)), showId);
    }

    public List<ShowSlot> slots(String showId) {
        return jdbc.query("select * from show_slot where show_id = ? order by position", SLOT, showId);
    }

    public Optional<ShowSlot> slot(long slotId) {
        return jdbc.query("select * from show_slot where id = ?", SLOT, slotId).stream().findFirst();
    }

    public void setState(String showId, String state) {
        jdbc.update("update kitchen_show set state = ?, updated_at = ? where id = ?", state, now(), showId);
    }

    public void setProcessInstance(String showId, String processInstanceId) {
        jdbc.update("update kitchen_show set process_instance_id = ?, updated_at = ? where id = ?", processInstanceId, now(), showId);
    }

    public void setTeaser(String showId, String state, String key, String note) {
        jdbc.update("update kitchen_show set teaser_state = ?, teaser_key = coalesce(?, teaser_key), teaser_note = ?,"
                + " updated_at = ? where id = ?", state, key, note, now(), showId);
    }

    public void liveStarted(String showId) {
        jdbc.update("update kitchen_show set state = ?, live_started_at = coalesce(live_started_at, ?), updated_at = ? where id = ?",
                Show.LIVE, now(), now(), showId);
    }

    public void liveEnded(String showId, String recordingId, String manifestKey, Long recordedMillis) {
        jdbc.update("update kitchen_show set live_ended_at = coalesce(live_ended_at, ?), recording_id = coalesce(?, recording_id),"
                        + " manifest_key = coalesce(?, manifest_key), recorded_millis = coalesce(?, recorded_millis), updated_at = ?"
                        + " where id = ?", now(), recordingId, manifestKey, recordedMillis, now(), showId);
    }

    /** Marks the slot on air once: false when it already was (a repeated correlation must not repeat its effects). */
    public boolean markOnAir(long slotId, long programMillis, Instant at, long markerId) {
        return jdbc.update("update show_slot set on_air_millis = ?, on_air_at = ?, marker_id = ? where id = ?"
                + " and on_air_millis is null", programMillis, Timestamp.from(at), markerId, slotId) == 1;
    }

    /** The latest reservation count of the show's destinations on that platform; false if none publishes there. */
    public boolean recordReservations(String stationId, String showId, String platform, long count, Instant at) {
        int matching = jdbc.queryForObject("select count(*) from show_destination d join kitchen_show s on s.id = d.show_id"
                + " where s.station_id = ? and d.show_id = ? and d.platform = ?", Integer.class, stationId, showId, platform);
        jdbc.update("update show_destination set reservations = ?, reservations_at = ? where show_id = ? and platform = ?"
                        + " and (reservations_at is null or reservations_at <= ?)",
                count, Timestamp.from(at), showId, platform, Timestamp.from(at));
        return matching > 0;
    }

    private void touch(String showId) {
        jdbc.update("update kitchen_show set updated_at = ? where id = ?", now(), showId);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
