package io.centralkitchen.processes.show.live.cluster;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Producers' commands to a live show (table {@code live_command}): written durably by whichever node receives the
 * call, numbered per show, applied by the show's owner in that order. Settling a command is conditional on the owner's
 * fencing token: a worker that lost the show cannot mark anything applied.
 */
@Repository
public class LiveCommands {

    public static final String PENDING = "PENDING";
    public static final String APPLIED = "APPLIED";
    public static final String FAILED = "FAILED";

    /** Command kinds; the owner's runner applies them (a switch on the kind). */
    public static final String END = "END";
    public static final String ADD_DESTINATION = "ADD_DESTINATION";
    public static final String REMOVE_DESTINATION = "REMOVE_DESTINATION";
    /** Cut the program to a named source (payload {@code source}), or to the slate. */
    public static final String CUT = "CUT";
    public static final String CUT_SLATE = "CUT_SLATE";

    public record Command(long id, String stationId, String showId, long seq, String kind, String payload, String state,
                          String detail, String createdBy, Instant createdAt, Instant appliedAt) {
    }

    private static final RowMapper<Command> COMMAND = (rs, i) -> new Command(rs.getLong("id"), rs.getString("station_id"),
            rs.getString("show_id"), rs.getLong("seq"), rs.getString("kind"), rs.getString("payload"), rs.getString("state"),
            rs.getString("detail"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("applied_at") == null ? null : rs.getTimestamp("applied_at").toInstant());

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;

    public LiveCommands(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Writes the command (committed at once, whatever the caller's transaction) as the show's next one. */
    public Command submit(String stationId, String showId, String kind, String payload, String createdBy) {
        for (int attempt = 1; ; attempt++) {
            try {
                Long id = own.execute(tx -> {
                    Long last = jdbc.queryForObject("select coalesce(max(seq), 0) from live_command where show_id = ?",
                            Long.class, showId);
                    long seq = (last == null ? 0 : last) + 1;
                    jdbc.update("insert into live_command (station_id, show_id, seq, kind, payload, state, created_by, created_at)"
                            + " values (?,?,?,?,?,?,?,?)", stationId, showId, seq, kind, payload, PENDING, createdBy,
                            Timestamp.from(Instant.now()));
                    return jdbc.queryForObject("select id from live_command where show_id = ? and seq = ?", Long.class, showId, seq);
                });
                return find(id).orElseThrow();
            } catch (DuplicateKeyException e) {
                if (attempt == 5) {
                    throw e; // five other commands in the same instant
                }
            }
        }
    }

    public Optional<Command> find(long id) {
        return jdbc.query("select * from live_command where id = ?", COMMAND, id).stream().findFirst();
    }

    /** The station's command (another station's is not there). */
    public Optional<Command> find(String stationId, long id) {
        return jdbc.query("select * from live_command where id = ? and station_id = ?", COMMAND, id, stationId).stream().findFirst();
    }

    /** The show's commands not yet applied, in order. */
    public List<Command> pending(String showId) {
        return jdbc.query("select * from live_command where show_id = ? and state = ? order by seq", COMMAND, showId, PENDING);
    }

    /** The show's latest commands, newest first (at most {@code limit}). */
    public List<Command> latest(String stationId, String showId, int limit) {
        return jdbc.query("select * from live_command where station_id = ? and show_id = ? order by seq desc", COMMAND,
                stationId, showId).stream().limit(limit).toList();
    }

    /**
     * The owner settles a command (APPLIED or FAILED) — only while {@code token} is still the show's current one;
     * false otherwise (the command stays pending for the next owner).
     */
    public boolean settle(Command command, String state, String detail, String worker, long token) {
        String bounded = detail == null ? null : detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        return jdbc.update("update live_command set state = ?, detail = ?, applied_at = ?, applied_by = ?, token = ?"
                        + " where id = ? and state = ? and " + LiveLeases.CURRENT, state, bounded, Timestamp.from(Instant.now()),
                worker, token, command.id(), PENDING, command.showId(), worker, token) == 1;
    }

    /** Commands left when the show ended fail with that reason. */
    public void abandon(String showId, String reason) {
        own.executeWithoutResult(tx -> jdbc.update("update live_command set state = ?, detail = ?, applied_at = ?"
                + " where show_id = ? and state = ?", FAILED, reason, Timestamp.from(Instant.now()), showId, PENDING));
    }
}
