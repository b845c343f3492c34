package io.centralkitchen.processes.commerce.promotion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The promotion tables: promotions, their draws and entrants, and the platforms' results. Reads name the station. */
@Repository
public class Promotions {

    /** A platform's latest count of one metric of a promotion. */
    public record Result(String platform, String metric, long count, Instant reportedAt) {
    }

    /** A lottery's recorded draw. */
    public record Draw(long promotionId, String seed, String entrantsHash, int entrantCount, List<String> winners,
                       String drawnBy, Instant drawnAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final RowMapper<Promotion> row = (rs, i) -> new Promotion(rs.getLong("id"), rs.getString("station_id"),
            rs.getString("show_id"), rs.getObject("slot_position", Integer.class), rs.getString("kind"), rs.getString("title"),
            map(rs.getString("terms")), instant(rs.getTimestamp("starts_at")), rs.getString("state"),
            instant(rs.getTimestamp("rules_published_at")), instant(rs.getTimestamp("fired_at")), rs.getString("fired_by"),
            rs.getString("created_by"), instant(rs.getTimestamp("created_at")));

    public Promotions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String stationId, String showId, Integer slotPosition, String kind, String title, Map<String, Object> terms,
                       Instant startsAt, String by) {
        Timestamp now = Timestamp.from(Instant.now());
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("insert into promotion (station_id, show_id, slot_position, kind, title, terms,"
                    + " starts_at, state, created_by, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?)", new String[]{"id"});
            ps.setString(1, stationId);
            ps.setString(2, showId);
            if (slotPosition == null) {
                ps.setNull(3, Types.INTEGER);
            } else {
                ps.setInt(3, slotPosition);
            }
            ps.setString(4, kind);
            ps.setString(5, title);
            ps.setString(6, json(terms));
            ps.setTimestamp(7, startsAt == null ? null : Timestamp.from(startsAt));
            ps.setString(8, Promotion.PLANNED);
            ps.setString(9, by);
            ps.setTimestamp(10, now);
            ps.setTimestamp(11, now);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public Optional<Promotion> find(String stationId, long id) {
        return jdbc.query("select * from promotion where id = ? and station_id = ?", row, id, stationId).stream().findFirst();
    }

    public List<Promotion> ofShow(String stationId, String showId) {
        return jdbc.query("select * from promotion where station_id = ? and show_id = ? order by coalesce(slot_position, 0), id",
                row, stationId, showId);
    }

    /** Planned promotions whose start time has come, of shows that are live. */
    public List<Promotion> due(Instant now) {
        return jdbc.query("select p.* from promotion p join kitchen_show s on s.id = p.show_id and s.station_id = p.station_id"
                + " where p.state = 'PLANNED' and p.starts_at <= ? and s.state = 'LIVE' order by p.starts_at", row, Timestamp.from(now));
    }

    public boolean cancel(String stationId, long id) {
        return jdbc.update("update promotion set state = 'CANCELLED', updated_at = ? where id = ? and station_id = ? and state = 'PLANNED'",
                Timestamp.from(Instant.now()), id, stationId) == 1;
    }

    public void rulesPublished(String stationId, long id, Instant at) {
        jdbc.update("update promotion set rules_published_at = coalesce(rules_published_at, ?), updated_at = ? where id = ?"
                + " and station_id = ?", Timestamp.from(at), Timestamp.from(at), id, stationId);
    }

    public void fired(String stationId, long id, String by) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("update promotion set state = 'FIRED', fired_at = coalesce(fired_at, ?), fired_by = coalesce(fired_by, ?),"
                + " updated_at = ? where id = ? and station_id = ?", now, by, now, id, stationId);
    }

    public List<Result> results(long promotionId) {
        return jdbc.query("select platform, metric, reported, occurred_at from promotion_result where promotion_id = ?"
                + " order by platform, metric", (rs, i) -> new Result(rs.getString(1), rs.getString(2), rs.getLong(3),
                rs.getTimestamp(4).toInstant()), promotionId);
    }

    /** The latest count wins: an event older than the one recorded changes nothing. */
    public void recordResult(long promotionId, String platform, String metric, long count, String eventId, Instant at) {
        int updated = jdbc.update("update promotion_result set reported = ?, event_id = ?, occurred_at = ? where promotion_id = ?"
                + " and platform = ? and metric = ? and occurred_at <= ?", count, eventId, Timestamp.from(at), promotionId, platform,
                metric, Timestamp.from(at));
        if (updated == 0 && jdbc.queryForObject("select count(*) from promotion_result where promotion_id = ? and platform = ?"
                + " and metric = ?", Integer.class, promotionId, platform, metric) == 0) {
            jdbc.update("insert into promotion_result (promotion_id, platform, metric, reported, event_id, occurred_at)"
                    + " values (?,?,?,?,?,?)", promotionId, platform, metric, count, eventId, Timestamp.from(at));
        }
    }

    public Optional<Draw> draw(long promotionId) {
        return jdbc.query("select * from promotion_draw where promotion_id = ?", (rs, i) -> new Draw(promotionId, rs.getString("seed"),
                rs.getString("entrants_hash"), rs.getInt("entrant_count"), list(rs.getString("winners")), rs.getString("drawn_by"),
                rs.getTimestamp("drawn_at").toInstant()), promotionId).stream().findFirst();
    }

    public void insertDraw(Draw draw, List<String> entrants) {
        List<Integer> positions = java.util.stream.IntStream.range(0, entrants.size()).boxed().toList();
        jdbc.batchUpdate("insert into promotion_entrant (promotion_id, position, entrant) values (?,?,?)", positions, 500,
                (ps, position) -> {
                    ps.setLong(1, draw.promotionId());
                    ps.setInt(2, position);
                    ps.setString(3, entrants.get(position));
                });
        jdbc.update("insert into promotion_draw (promotion_id, seed, entrants_hash, entrant_count, winners, drawn_by, drawn_at)"
                        + " values (?,?,?,?,?,?,?)", draw.promotionId(), draw.seed(), draw.entrantsHash(), draw.entrantCount(),
                json(draw.winners()), draw.drawnBy(), Timestamp.from(draw.drawnAt()));
    }

    public List<String> entrants(long promotionId) {
        return jdbc.queryForList("select entrant from promotion_entrant where promotion_id = ? order by position", String.class, promotionId);
    }

    /** The distinct authors of the show's comments on the station's platforms: a lottery's entrants by default. */
    public List<String> commenters(String stationId, String showId, int max) {
        return jdbc.queryForList("select distinct author from platform_comment where station_id = ? and show_ref = ? and author is not null"
                + " order by author fetch first " + max + " rows only", String.class, stationId, showId);
    }

    /** What became of publications (by idempotency key): platform, state, the platform's reference or answer. */
    public List<PromotionCues.Answer> answers(List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", keys.stream().map(k -> "?").toList());
        return jdbc.query("select platform, state, platform_ref, detail, idempotency_key from show_publication where idempotency_key in ("
                + marks + ") order by platform, id", (rs, i) -> new PromotionCues.Answer(rs.getString(1), rs.getString(2),
                rs.getString(3) != null ? rs.getString(3) : rs.getString(4), rs.getString(5).contains(":rules:") ? "RULES" : "CUE"),
                keys.toArray());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<java.util.LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored promotion terms are not JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> list(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
