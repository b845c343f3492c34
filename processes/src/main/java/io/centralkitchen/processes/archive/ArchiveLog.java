package io.centralkitchen.processes.archive;

import org.camunda.bpm.engine.IdentityService;
import io.centralkitchen.processes.archive.verify.Merkle;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StoredObject;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

/**
 * The one place the platform records what it must be able to prove: per station, an append-only log of artefacts and
 * decisions, each entry holding the SHA-256 of its artefact (objects by their stored SHA-256, immutable rows by their
 * canonical serialisation, decisions and snapshots as canonical documents) and who caused it. Entries are written in the
 * caller's transaction (a step that rolls back leaves none); {@link ArchiveCheckpoints} sequences them into the
 * station's Merkle tree and signs checkpoints. Archived objects are put under retention ({@link ArchiveRetention}).
 * <p>
 * Kinds name what an entry is, e.g. {@code DOSSIER_FILE}, {@code QC_REVIEW}, {@code APPROVAL}, {@code RUNDOWN},
 * {@code RECORDING_SEGMENT}; docs/compliance.md lists them.
 */
@Service
public class ArchiveLog {

    static final String OBJECT = "OBJECT";
    static final String ROW = "ROW";
    static final String DOC = "DOC";
    static final String LINK = "LINK";
    static final String SYSTEM = "system";

    private final ArchiveEntries entries;
    private final ArchiveRetention retention;
    private final MediaStore store;
    private final ArchiveCheckpoints checkpoints;
    private final ArchivedRows rows;
    private final IdentityService identityService;

    ArchiveLog(ArchiveEntries entries, ArchiveRetention retention, MediaStore store, ArchiveCheckpoints checkpoints,
               ArchivedRows rows, IdentityService identityService) {
        this.identityService = identityService;
        this.rows = rows;
        this.entries = entries;
        this.retention = retention;
        this.store = store;
        this.checkpoints = checkpoints;
    }

    /** An object as stored (its SHA-256 from the store's record), kept under retention. */
    public void object(String station, ArchiveSubject subject, String kind, StoredObject stored, String actor) {
        object(station, subject, kind, stored.key(), stored.sha256(), actor);
    }

    /** An object whose SHA-256 is known from its writer (null: read from the store's record of it). */
    public void object(String station, ArchiveSubject subject, String kind, String key, String sha256, String actor) {
        requireOwnKey(station, key);
        String hash = sha256 != null ? sha256 : store.stat(key).sha256();
        if (hash == null) {
            throw new IllegalStateException("Object '" + key + "' has no recorded SHA-256 and cannot be archived");
        }
        Instant now = now();
        Instant until = retention.until(now);
        entries.append(station, subject, kind, OBJECT, key, hash, null, actor(actor), now, until);
        retention.retain(key, until);
    }

    /** An immutable row ({@link ArchivedRows#TABLES}), by its canonical serialisation now. */
    public void row(String station, ArchiveSubject subject, String kind, String table, long id, String actor) {
        String ref = ArchivedRows.ref(table, id);
        byte[] canonical = rows.read(ref).orElseThrow(() -> new IllegalStateException("Row " + ref + " does not exist"));
        entries.append(station, subject, kind, ROW, ref, sha256(canonical), null, actor(actor), now(), null);
    }

    /** A decision or a snapshot of rows that change later, as a canonical JSON document held by the archive itself. */
    public void document(String station, ArchiveSubject subject, String kind, Map<String, ?> document, String actor) {
        byte[] canonical = ArchivedRows.canonicalDocument(document);
        entries.append(station, subject, kind, DOC, kind.toLowerCase(), sha256(canonical), new String(canonical, StandardCharsets.UTF_8),
                actor(actor), now(), null);
    }

    /** That {@code from} involves {@code to} (a show its products, a case its product): packs follow these links. */
    public void link(String station, ArchiveSubject from, ArchiveSubject to, String actor) {
        String ref = to.ref();
        if (entries.hasLink(station, from, ref)) {
            return;
        }
        entries.append(station, from, "LINK", LINK, ref, sha256(ref.getBytes(StandardCharsets.UTF_8)), null, actor(actor), now(), null);
    }

    /** Signs a checkpoint of the station's log once the surrounding transaction has committed (e.g. at show end). */
    public void checkpointAfterCommit(String station) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            checkpoints.checkpointQuietly(station);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                checkpoints.checkpointQuietly(station);
            }
        });
    }

    private static void requireOwnKey(String station, String key) {
        if (!key.startsWith(station + "/")) {
            throw new IllegalArgumentException("Object '" + key + "' is not under station '" + station + "' and cannot be archived"
                    + " for it");
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Merkle.sha256(bytes));
    }

    /** The given actor, else the signed-in user of this request or command, else the platform itself. */
    private String actor(String actor) {
        if (actor != null && !actor.isBlank()) {
            return actor;
        }
        var authentication = identityService.getCurrentAuthentication();
        return authentication != null && authentication.getUserId() != null ? authentication.getUserId() : SYSTEM;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
