package io.centralkitchen.processes.archive;

import io.centralkitchen.processes.archive.verify.Checkpoint;
import io.centralkitchen.processes.archive.verify.LogEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The archive's tables: entries ({@code archive_entry}), the per-station head and the signed checkpoints. */
@Repository
class ArchiveEntries {

    /** An entry as stored: the hashed fields, and what the platform needs besides (its row id, document, leaf hash). */
    record Stored(long id, LogEntry entry, boolean sequenced, String document, String leafHash, Instant retainUntil) {
    }

    private static final RowMapper<Stored> STORED = (rs, i) -> {
        long index = rs.getLong("leaf_index");
        boolean sequenced = !rs.wasNull();
        long prev = rs.getLong("prev_index");
        Long prevIndex = rs.wasNull() ? null : prev;
        Timestamp retain = rs.getTimestamp("retain_until");
        return new Stored(rs.getLong("id"), new LogEntry(sequenced ? index : -1, prevIndex, rs.getString("station_id"),
                rs.getString("subject_kind"), rs.getString("subject_id"), rs.getString("kind"), rs.getString("ref_type"),
                rs.getString("ref"), rs.getString("artefact_hash"), rs.getString("actor"), rs.getTimestamp("recorded_at").toInstant()),
                sequenced, rs.getString("document"), rs.getString("leaf_hash"), retain == null ? null : retain.toInstant());
    };

    private static final RowMapper<Checkpoint> CHECKPOINT = (rs, i) -> new Checkpoint(rs.getString("station_id"),
            rs.getLong("tree_size"), rs.getString("root_hash"), rs.getTimestamp("signed_at").toInstant(), rs.getString("key_id"),
            rs.getString("signature"));

    private final JdbcTemplate jdbc;

    ArchiveEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void append(String station, ArchiveSubject subject, String kind, String refType, String ref, String hash, String document,
                String actor, Instant at, Instant retainUntil) {
        jdbc.update("insert into archive_entry (station_id, subject_kind, subject_id, kind, ref_type, ref, artefact_hash, document,"
                        + " actor, recorded_at, retain_until) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", station, subject.kind(),
                subject.id(), kind, refType, ref, hash, document, actor, Timestamp.from(at),
                retainUntil == null ? null : Timestamp.from(retainUntil));
    }

    /** Locks the station's head for this transaction (creating it at first use) and answers its tree size. */
    long lockHead(String station) {
        if (jdbc.queryForObject("select count(*) from archive_head where station_id = ?", Integer.class, station) == 0) {
            try {
                jdbc.update("insert into archive_head (station_id, tree_size) values (?, 0)", station);
            } catch (org.springframework.dao.DuplicateKeyException created) {
                // by another node just now; the select below waits for it
            }
        }
        return jdbc.queryForObject("select tree_size from archive_head where station_id = ? for update", Long.class, station);
    }

    void setHead(String station, long treeSize) {
        jdbc.update("update archive_head set tree_size = ? where station_id = ?", treeSize, station);
    }

    List<Stored> sequenced(String station) {
        return jdbc.query("select * from archive_entry where station_id = ? and leaf_index is not null order by leaf_index",
                STORED, station);
    }

    List<Stored> pending(String station) {
        return jdbc.query("select * from archive_entry where station_id = ? and leaf_index is null order by id", STORED, station);
    }

    void sequence(long id, long index, Long prevIndex, String leafHash) {
        jdbc.update("update archive_entry set leaf_index = ?, prev_index = ?, leaf_hash = ? where id = ?", index, prevIndex,
                leafHash, id);
    }

    List<String> stationsWithPendingEntries() {
        return jdbc.queryForList("select distinct station_id from archive_entry where leaf_index is null", String.class);
    }

    List<String> stations() {
        return jdbc.queryForList("select distinct station_id from archive_entry", String.class);
    }

    List<Stored> ofSubject(String station, ArchiveSubject subject) {
        return jdbc.query("select * from archive_entry where station_id = ? and subject_kind = ? and subject_id = ?"
                + " order by leaf_index, id", STORED, station, subject.kind(), subject.id());
    }

    /** Subjects that link to {@code target} (e.g. the cases about a product). */
    List<ArchiveSubject> linkedTo(String station, ArchiveSubject target) {
        return jdbc.query("select distinct subject_kind, subject_id from archive_entry where station_id = ? and ref_type = 'LINK'"
                + " and ref = ?", (rs, i) -> new ArchiveSubject(rs.getString(1), rs.getString(2)), station, target.ref());
    }

    boolean hasSubject(String station, ArchiveSubject subject) {
        return jdbc.queryForObject("select count(*) from archive_entry where station_id = ? and subject_kind = ? and subject_id = ?",
                Integer.class, station, subject.kind(), subject.id()) > 0;
    }

    boolean hasLink(String station, ArchiveSubject from, String ref) {
        return jdbc.queryForObject("select count(*) from archive_entry where station_id = ? and subject_kind = ? and subject_id = ?"
                + " and ref_type = 'LINK' and ref = ?", Integer.class, station, from.kind(), from.id(), ref) > 0;
    }

    /** The latest retain-until date of any archive entry holding {@code key}, if one holds it. */
    Optional<Instant> retainedUntil(String key) {
        Timestamp t = jdbc.queryForObject("select max(retain_until) from archive_entry where ref_type = 'OBJECT' and ref = ?",
                Timestamp.class, key);
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }

    Optional<Checkpoint> latestCheckpoint(String station) {
        return jdbc.query("select * from archive_checkpoint where station_id = ? order by tree_size desc", CHECKPOINT, station)
                .stream().findFirst();
    }

    void insertCheckpoint(Checkpoint c) {
        jdbc.update("insert into archive_checkpoint (station_id, tree_size, root_hash, signed_at, key_id, signature)"
                + " values (?, ?, ?, ?, ?, ?)", c.station(), c.treeSize(), c.rootHash(), Timestamp.from(c.signedAt()), c.keyId(),
                c.signature());
    }
}
