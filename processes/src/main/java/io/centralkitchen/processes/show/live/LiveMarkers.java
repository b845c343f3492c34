package io.centralkitchen.processes.show.live;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The producers' marks on a show's program timeline (table {@code live_marker}): a product going on air or off air, a
 * highlight, a cut between sources. The one place that writes them; clips are planned from them.
 */
@Repository
public class LiveMarkers {

    public static final String PRODUCT_ON_AIR = "PRODUCT_ON_AIR";
    public static final String PRODUCT_OFF_AIR = "PRODUCT_OFF_AIR";
    public static final String HIGHLIGHT = "HIGHLIGHT";
    /** What producers post ({@code POST .../live/markers}). */
    public static final List<String> KINDS = List.of(PRODUCT_ON_AIR, PRODUCT_OFF_AIR, HIGHLIGHT);
    /** A cut of the program between sources (written by the platform only; label: the source and why). */
    public static final String CUT = "CUT";

    /** A mark: program time {@code streamMillis}, wall clock {@code wallClock}. */
    public record Marker(long id, String stationId, String showId, String kind, Long productId, String label, Instant wallClock,
                         long streamMillis, String createdBy) {
    }

    private final JdbcTemplate jdbc;

    public LiveMarkers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a mark; returns its id. Labels longer than 200 characters are cut. */
    public long add(String stationId, String showId, String kind, Long productId, String label, Instant wallClock,
                    long streamMillis, String createdBy) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        String cut = label == null || label.length() <= 200 ? label : label.substring(0, 200);
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into live_marker (station_id, show_id, kind,"
                    + " product_id, label, wall_clock, stream_millis, created_by) values (?,?,?,?,?,?,?,?)", new String[]{"id"});
            insert.setString(1, stationId);
            insert.setString(2, showId);
            insert.setString(3, kind);
            insert.setObject(4, productId);
            insert.setString(5, cut);
            insert.setTimestamp(6, Timestamp.from(wallClock));
            insert.setLong(7, streamMillis);
            insert.setString(8, createdBy);
            return insert;
        }, key);
        return key.getKey().longValue();
    }

    /** The marks of a show in program order (also after the show ended). */
    public List<Marker> ofShow(String stationId, String showId) {
        return jdbc.query("select id, station_id, show_id, kind, product_id, label, wall_clock, stream_millis, created_by"
                        + " from live_marker where station_id = ? and show_id = ? order by stream_millis, id",
                (rs, i) -> {
                    long product = rs.getLong(5);
                    return new Marker(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.wasNull() ? null : product,
                            rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getLong(8), rs.getString(9));
                }, stationId, showId);
    }

    /** Stations having marks for a show id (the low-level API's shows may not be planned ones). */
    public List<String> stationsOf(String showId) {
        return jdbc.queryForList("select distinct station_id from live_marker where show_id = ?", String.class, showId);
    }
}
