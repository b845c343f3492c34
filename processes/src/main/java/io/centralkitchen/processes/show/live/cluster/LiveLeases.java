package io.centralkitchen.processes.show.live.cluster;

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
 * Who owns each live show (table {@code live_lease}): a row per show that should be on air, claimed by one live
 * worker at a time with a conditional update. Every claim increments the fencing token; renewals, the owner's writes
 * and its end are conditional on that token still being current, so an owner that lost its lease writes nothing.
 */
@Repository
public class LiveLeases {

    /** A show's lease as stored; {@code owner} is null while nobody holds it. */
    public record Lease(String showId, String stationId, String pool, String owner, long token, Instant expiresAt,
                        Instant openedAt, boolean ended) {

        /** True while {@code owner} holds it at {@code now}. */
        public boolean heldBy(String worker, Instant now) {
            return !ended && worker.equals(owner) && expiresAt != null && expiresAt.isAfter(now);
        }

        public boolean held(Instant now) {
            return !ended && owner != null && expiresAt != null && expiresAt.isAfter(now);
        }
    }

    private static final RowMapper<Lease> LEASE = (rs, i) -> new Lease(rs.getString("show_id"), rs.getString("station_id"),
            rs.getString("pool"), rs.getString("owner"), rs.getLong("token"),
            rs.getTimestamp("expires_at") == null ? null : rs.getTimestamp("expires_at").toInstant(),
            rs.getTimestamp("opened_at").toInstant(), rs.getBoolean("ended"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;

    public LiveLeases(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The show should be on air (in {@code pool}): its lease row is created, or reopened after an earlier go-live ended
     * (the token keeps growing). False when it is open already.
     */
    public boolean open(String stationId, String showId, String pool, Instant now) {
        return Boolean.TRUE.equals(own.execute(tx -> {
            if (find(showId).isEmpty()) {
                jdbc.update("insert into live_lease (show_id, station_id, pool, owner, token, expires_at, opened_at, ended)"
                        + " values (?,?,?,null,0,null,?,false)", showId, stationId, pool, Timestamp.from(now));
                return true;
            }
            return jdbc.update("update live_lease set ended = false, owner = null, expires_at = null, pool = ?, opened_at = ?"
                    + " where show_id = ? and station_id = ? and ended = true", pool, Timestamp.from(now), showId, stationId) == 1;
        }));
    }

    public Optional<Lease> find(String showId) {
        return jdbc.query("select * from live_lease where show_id = ?", LEASE, showId).stream().findFirst();
    }

    /** The station's show's lease (another station's show is not there). */
    public Optional<Lease> find(String stationId, String showId) {
        return jdbc.query("select * from live_lease where show_id = ? and station_id = ?", LEASE, showId, stationId).stream().findFirst();
    }

    /** Every show that should be on air, cluster-wide. */
    public List<Lease> open() {
        return jdbc.query("select * from live_lease where ended = false order by opened_at", LEASE);
    }

    /** Shows of the pool that nobody holds at {@code now}: never claimed, released or expired. */
    public List<Lease> claimable(String pool, Instant now) {
        return jdbc.query("select * from live_lease where pool = ? and ended = false and (owner is null or expires_at is null"
                + " or expires_at < ?) order by opened_at", LEASE, pool, Timestamp.from(now));
    }

    /**
     * Claims the show for {@code worker} if nobody holds it now and its token is still {@code seenToken}; the new
     * token (seenToken + 1), or empty when another worker was first.
     */
    public Optional<Long> claim(String showId, String worker, long seenToken, Instant now, Instant expiresAt) {
        Integer claimed = own.execute(tx -> jdbc.update("update live_lease set owner = ?, token = token + 1, expires_at = ? where show_id = ?"
                        + " and ended = false and token = ? and (owner is null or expires_at is null or expires_at < ?)",
                worker, Timestamp.from(expiresAt), showId, seenToken, Timestamp.from(now)));
        return claimed != null && claimed == 1 ? Optional.of(seenToken + 1) : Optional.empty();
    }

    /** Extends the owner's lease; false when it is not the owner's any more (the owner must stop the show). */
    public boolean renew(String showId, String worker, long token, Instant expiresAt) {
        return Integer.valueOf(1).equals(own.execute(tx -> jdbc.update("update live_lease set expires_at = ? where show_id = ?"
                + " and owner = ? and token = ? and ended = false", Timestamp.from(expiresAt), showId, worker, token)));
    }

    /** The owner gives the show up without ending it (another worker may claim it at once). */
    public boolean release(String showId, String worker, long token) {
        return Integer.valueOf(1).equals(own.execute(tx -> jdbc.update("update live_lease set owner = null, expires_at = null"
                + " where show_id = ? and owner = ? and token = ?", showId, worker, token)));
    }

    /** The show is off air for good: nobody claims it again. */
    public void end(String stationId, String showId) {
        own.executeWithoutResult(tx -> jdbc.update("update live_lease set ended = true, owner = null, expires_at = null"
                + " where show_id = ? and station_id = ?", showId, stationId));
    }

    /** True while {@code token} is the show's current one, held by {@code worker}: the condition of every owner's write. */
    public boolean current(String showId, String worker, long token) {
        Integer n = jdbc.queryForObject("select count(*) from live_lease where show_id = ? and owner = ? and token = ?"
                + " and ended = false", Integer.class, showId, worker, token);
        return n != null && n > 0;
    }

    /** SQL condition for a conditional write: binds show id, owner, token. */
    static final String CURRENT = "exists (select 1 from live_lease l where l.show_id = ? and l.owner = ? and l.token = ?"
            + " and l.ended = false)";
}
