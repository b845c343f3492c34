package io.centralkitchen.routes.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code engine_inbox} table: the persistent side of the {@link EngineBridge}. */
public class EngineInbox implements EngineBridge {

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public EngineInbox(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void startProcess(String station, String processKey, String businessKey, Map<String, Object> variables) {
        enqueue("start:" + station + ":" + processKey + ":" + businessKey, station, InboxItem.Kind.START, processKey,
                businessKey, variables);
    }

    @Override
    public void correlateMessage(String station, String messageName, String businessKey, Map<String, Object> variables,
                                 String dedupeKey) {
        enqueue("correlate:" + station + ":" + messageName + ":" + dedupeKey, station, InboxItem.Kind.CORRELATE,
                messageName, businessKey, variables);
    }

    private void enqueue(String dedupeKey, String station, InboxItem.Kind kind, String target, String businessKey,
                         Map<String, Object> variables) {
        Integer known = jdbc.queryForObject("select count(*) from engine_inbox where dedupe_key = ?", Integer.class, dedupeKey);
        if (known != null && known > 0) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("insert into engine_inbox (dedupe_key, station_id, kind, target, business_key, variables, state, attempts,"
                        + " next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                dedupeKey, station, kind.name(), target, businessKey, toJson(variables), PENDING, now, now);
    }

    List<Long> due(Instant now, int limit) {
        return jdbc.queryForList("select id from engine_inbox where state = ? and next_attempt_at <= ? order by id"
                + " fetch first " + Math.max(1, limit) + " rows only", Long.class, PENDING, Timestamp.from(now));
    }

    /** Takes the item for this transaction (its row stays locked until commit); empty when another node has it. */
    Optional<InboxItem> claim(long id, Instant now) {
        int claimed = jdbc.update("update engine_inbox set state = ?, done_at = ? where id = ? and state = ?",
                DONE, Timestamp.from(now), id, PENDING);
        if (claimed != 1) {
            return Optional.empty();
        }
        return jdbc.query("select id, station_id, kind, target, business_key, variables, attempts from engine_inbox where id = ?",
                EngineInbox::item, id).stream().findFirst();
    }

    /** Puts the item back for a later attempt, if it is still in {@code expectedState} (never a delivered one). */
    void retryLater(long id, String expectedState, int attempts, Instant next, String error) {
        jdbc.update("update engine_inbox set state = ?, done_at = null, attempts = ?, next_attempt_at = ?, last_error = ?"
                + " where id = ? and state = ?", PENDING, attempts, Timestamp.from(next), truncate(error), id, expectedState);
    }

    void fail(long id, String expectedState, int attempts, String error) {
        jdbc.update("update engine_inbox set state = ?, done_at = null, attempts = ?, last_error = ? where id = ? and state = ?",
                FAILED, attempts, truncate(error), id, expectedState);
    }

    Optional<Row> row(long id) {
        return jdbc.query("select attempts, created_at from engine_inbox where id = ?",
                (rs, i) -> new Row(rs.getInt(1), rs.getTimestamp(2).toInstant()), id).stream().findFirst();
    }

    int deleteDeliveredBefore(Instant before) {
        return jdbc.update("delete from engine_inbox where state = ? and done_at < ?", DONE, Timestamp.from(before));
    }

    /** Counts by state, for operators and tests. */
    public int count(String state) {
        Integer n = jdbc.queryForObject("select count(*) from engine_inbox where state = ?", Integer.class, state);
        return n == null ? 0 : n;
    }

    record Row(int attempts, Instant createdAt) {
    }

    private static InboxItem item(ResultSet rs, int i) throws SQLException {
        return new InboxItem(rs.getLong(1), rs.getString(2), InboxItem.Kind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), fromJson(rs.getString(6)), rs.getInt(7));
    }

    private static String toJson(Map<String, Object> variables) {
        try {
            return JSON.writeValueAsString(variables == null ? Map.of() : variables);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
