package io.centralkitchen.processes.archive;

import io.centralkitchen.processes.archive.verify.Checkpoint;
import io.centralkitchen.processes.archive.verify.LogEntry;
import io.centralkitchen.processes.archive.verify.Merkle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sequencer: gives appended entries their leaf index (and the index of their subject's previous entry) in the order
 * they were appended, and signs a checkpoint of the station's tree — periodically, at show end and before a pack is
 * built. It first checks that the log is still the one the last checkpoint signed, and signs nothing over a log that
 * is not (the problems are logged and reported by {@link ArchiveIntegrity}). Nodes take turns on the station's head row.
 */
@Service
class ArchiveCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(ArchiveCheckpoints.class);

    private final ArchiveEntries entries;
    private final ArchiveSigner signer;
    private final TransactionTemplate transaction;

    ArchiveCheckpoints(ArchiveEntries entries, ArchiveSigner signer, PlatformTransactionManager transactions) {
        this.entries = entries;
        this.signer = signer;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Sequences pending entries and signs; answers the latest checkpoint (the old one when the log is inconsistent). */
    Optional<Checkpoint> checkpoint(String station) {
        return transaction.execute(status -> sequenceAndSign(station));
    }

    void checkpointQuietly(String station) {
        try {
            checkpoint(station);
        } catch (RuntimeException e) {
            log.error("Cannot checkpoint the archive of station {}: {}", station, e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${kitchen.archive.checkpoint-interval:PT10M}", initialDelayString = "${kitchen.archive.checkpoint-interval:PT10M}")
    void periodically() {
        entries.stationsWithPendingEntries().forEach(this::checkpointQuietly);
    }

    private Optional<Checkpoint> sequenceAndSign(String station) {
        long size = entries.lockHead(station);
        Optional<Checkpoint> latest = entries.latestCheckpoint(station);
        List<ArchiveEntries.Stored> pending = entries.pending(station);
        if (pending.isEmpty() && latest.map(c -> c.treeSize() == size).orElse(size == 0)) {
            return latest;
        }
        List<ArchiveEntries.Stored> sequenced = entries.sequenced(station);
        List<String> problems = LogConsistency.problems(sequenced, size, latest.orElse(null), signer.publicKey());
        if (!problems.isEmpty()) {
            log.error("The archive of station {} no longer matches its signed checkpoint; no new checkpoint is signed until it is"
                    + " investigated. First problem: {} ({} in all)", station, problems.get(0), problems.size());
            return latest;
        }
        List<byte[]> leaves = new ArrayList<>(LogConsistency.leaves(sequenced, size));
        Map<String, Long> lastOfSubject = new HashMap<>();
        sequenced.forEach(s -> lastOfSubject.put(s.entry().subjectKind() + ":" + s.entry().subjectId(), s.entry().index()));
        long next = size;
        for (ArchiveEntries.Stored p : pending) {
            LogEntry e = p.entry();
            String subject = e.subjectKind() + ":" + e.subjectId();
            LogEntry sequencedEntry = new LogEntry(next, lastOfSubject.get(subject), e.station(), e.subjectKind(), e.subjectId(),
                    e.kind(), e.refType(), e.ref(), e.artefactHash(), e.actor(), e.recordedAt());
            byte[] leaf = sequencedEntry.leafHash();
            entries.sequence(p.id(), next, sequencedEntry.prevIndex(), HexFormat.of().formatHex(leaf));
            leaves.add(leaf);
            lastOfSubject.put(subject, next);
            next++;
        }
        Checkpoint unsigned = new Checkpoint(station, next, HexFormat.of().formatHex(new Merkle(leaves).root()),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), signer.keyId(), "");
        Checkpoint signed = new Checkpoint(station, unsigned.treeSize(), unsigned.rootHash(), unsigned.signedAt(), unsigned.keyId(),
                signer.sign(unsigned.statement()));
        entries.insertCheckpoint(signed);
        entries.setHead(station, next);
        log.debug("Archive of station {}: checkpoint {} signed", station, next);
        return Optional.of(signed);
    }
}
