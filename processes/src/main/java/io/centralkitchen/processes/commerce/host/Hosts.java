package io.centralkitchen.processes.commerce.host;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The hosts tables: {@code host}, {@code host_account}, and who presents which show ({@code show_host}) and slot
 * ({@code slot_host}). Every read and write names the station.
 */
@Repository
public class Hosts {

    private final JdbcTemplate jdbc;

    public Hosts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Host> ofStation(String stationId) {
        return jdbc.query("select * from host where station_id = ? order by display_name", (rs, i) -> rs.getLong("id"), stationId)
                .stream().map(id -> find(stationId, id)).flatMap(Optional::stream).toList();
    }

    public Optional<Host> find(String stationId, long hostId) {
        List<String> accounts = jdbc.queryForList("select account_id from host_account where host_id = ? and station_id = ?"
                + " order by account_id", String.class, hostId, stationId);
        return jdbc.query("select * from host where id = ? and station_id = ?", (rs, i) -> new Host(rs.getLong("id"),
                rs.getString("station_id"), rs.getString("display_name"), rs.getString("real_name"),
                rs.getDate("identity_checked_on") == null ? null : rs.getDate("identity_checked_on").toLocalDate(),
                rs.getString("identity_evidence_key"), categories(rs.getString("categories")), rs.getBoolean("active"), accounts,
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()),
                hostId, stationId).stream().findFirst();
    }

    public long insert(String stationId, String displayName, String realName, Set<String> categories, boolean active, String by) {
        Timestamp now = Timestamp.from(Instant.now());
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into host (station_id, display_name, real_name, categories, active, created_by,"
                    + " created_at, updated_at) values (?,?,?,?,?,?,?,?)", new String[]{"id"});
            ps.setString(1, stationId);
            ps.setString(2, displayName);
            ps.setString(3, realName);
            ps.setString(4, String.join(",", categories));
            ps.setBoolean(5, active);
            ps.setString(6, by);
            ps.setTimestamp(7, now);
            ps.setTimestamp(8, now);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public void update(String stationId, long hostId, String displayName, String realName, Set<String> categories, boolean active) {
        jdbc.update("update host set display_name = ?, real_name = ?, categories = ?, active = ?, updated_at = ? where id = ?"
                + " and station_id = ?", displayName, realName, String.join(",", categories), active, Timestamp.from(Instant.now()),
                hostId, stationId);
    }

    public void setAccounts(String stationId, long hostId, List<String> accountIds) {
        jdbc.update("delete from host_account where host_id = ? and station_id = ?", hostId, stationId);
        for (String account : new LinkedHashSet<>(accountIds)) {
            jdbc.update("insert into host_account (host_id, station_id, account_id) values (?,?,?)", hostId, stationId, account);
        }
    }

    public void identityChecked(String stationId, long hostId, LocalDate on, String evidenceKey) {
        jdbc.update("update host set identity_checked_on = ?, identity_evidence_key = ?, updated_at = ? where id = ? and station_id = ?",
                Date.valueOf(on), evidenceKey, Timestamp.from(Instant.now()), hostId, stationId);
    }

    /** Who presents the show, and each slot (by position; a slot not named keeps no hosts of its own). */
    public void assign(String stationId, String showId, List<Long> showHosts, Map<Integer, List<Long>> slotHosts) {
        clear(stationId, showId);
        for (Long host : new LinkedHashSet<>(showHosts)) {
            jdbc.update("insert into show_host (show_id, host_id) values (?,?)", showId, host);
        }
        slotHosts.forEach((position, hosts) -> {
            Long slotId = jdbc.queryForList("select id from show_slot where show_id = ? and position = ?", Long.class, showId, position)
                    .stream().findFirst().orElseThrow();
            for (Long host : new LinkedHashSet<>(hosts)) {
                jdbc.update("insert into slot_host (slot_id, host_id) values (?,?)", slotId, host);
            }
        });
    }

    /** Removes the show's host assignments (before its rundown is replaced). */
    public void clear(String stationId, String showId) {
        jdbc.update("delete from slot_host where slot_id in (select sl.id from show_slot sl join kitchen_show s on s.id = sl.show_id"
                + " where s.id = ? and s.station_id = ?)", showId, stationId);
        jdbc.update("delete from show_host where show_id in (select id from kitchen_show where id = ? and station_id = ?)", showId, stationId);
    }

    public List<Long> ofShow(String stationId, String showId) {
        return jdbc.queryForList("select h.id from show_host sh join host h on h.id = sh.host_id where sh.show_id = ? and h.station_id = ?"
                + " order by h.display_name", Long.class, showId, stationId);
    }

    /** Each slot position's own hosts (ids). */
    public Map<Integer, List<Long>> ofSlots(String stationId, String showId) {
        Map<Integer, List<Long>> hosts = new LinkedHashMap<>();
        jdbc.query("select sl.position, h.id from slot_host x join show_slot sl on sl.id = x.slot_id join host h on h.id = x.host_id"
                + " where sl.show_id = ? and h.station_id = ? order by sl.position, h.display_name", rs -> {
            hosts.computeIfAbsent(rs.getInt(1), p -> new ArrayList<>()).add(rs.getLong(2));
        }, showId, stationId);
        return hosts;
    }

    /** Each slot product's own hosts (ids), for keeping them across a rundown change that does not name them. */
    public Map<Long, List<Long>> ofSlotProducts(String stationId, String showId) {
        Map<Long, List<Long>> hosts = new LinkedHashMap<>();
        jdbc.query("select sl.product_id, h.id from slot_host x join show_slot sl on sl.id = x.slot_id join host h on h.id = x.host_id"
                + " where sl.show_id = ? and h.station_id = ?", rs -> {
            hosts.computeIfAbsent(rs.getLong(1), p -> new ArrayList<>()).add(rs.getLong(2));
        }, showId, stationId);
        return hosts;
    }

    public Map<Long, String> names(String stationId) {
        Map<Long, String> names = new LinkedHashMap<>();
        jdbc.query("select id, display_name from host where station_id = ?", rs -> {
            names.put(rs.getLong(1), rs.getString(2));
        }, stationId);
        return names;
    }

    private static Set<String> categories(String text) {
        return text == null || text.isBlank() ? Set.of()
                : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }
}
