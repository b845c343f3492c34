package io.centralkitchen.processes.archive;

import io.centralkitchen.processes.archive.verify.Checkpoint;
import io.centralkitchen.processes.archive.verify.LogEntry;
import io.centralkitchen.processes.archive.verify.Merkle;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a station's sequenced log is still the log its checkpoints signed: no index missing (a deleted entry), every
 * entry still hashing to the leaf it was sequenced with (an edited entry), each entry naming the previous one of its
 * subject, and the tree's root at the latest checkpoint's size equal to the signed root. Problems name the entry.
 */
final class LogConsistency {

    private LogConsistency() {
    }

    /** The leaf hashes in index order, a missing index as 32 zero bytes (which no entry hashes to). */
    static List<byte[]> leaves(List<ArchiveEntries.Stored> sequenced, long size) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(new byte[32]);
        }
        for (ArchiveEntries.Stored s : sequenced) {
            if (s.entry().index() < size) {
                leaves.set((int) s.entry().index(), s.entry().leafHash());
            }
        }
        return leaves;
    }

    static List<String> problems(List<ArchiveEntries.Stored> sequenced, long size, Checkpoint latest, PublicKey key) {
        List<String> problems = new ArrayList<>();
        boolean[] present = new boolean[(int) size];
        Map<String, Long> lastOfSubject = new HashMap<>();
        for (ArchiveEntries.Stored s : sequenced) {
            LogEntry e = s.entry();
            if (e.index() >= size) {
                problems.add("log entry " + e.describe() + " lies beyond the log's head (" + size + ")");
                continue;
            }
            present[(int) e.index()] = true;
            if (s.leafHash() != null && !s.leafHash().equals(HexFormat.of().formatHex(e.leafHash()))) {
                problems.add("log entry " + e.describe() + " was changed after it was sequenced");
            }
            String subject = e.subjectKind() + ":" + e.subjectId();
            Long expectedPrev = lastOfSubject.put(subject, e.index());
            if (e.prevIndex() != null && !Objects.equals(expectedPrev, e.prevIndex())) {
                problems.add("log entry #" + e.prevIndex() + " of " + e.subjectKind() + " " + e.subjectId() + " is missing:"
                        + " entry " + e.describe() + " follows it");
            }
        }
        for (int i = 0; i < size; i++) {
            if (!present[i]) {
                problems.add("log entry #" + i + " is missing (deleted from the log)");
            }
        }
        if (latest != null) {
            if (key != null && !latest.verifies(key)) {
                problems.add("checkpoint " + latest.treeSize() + " does not verify with the platform's public key");
            }
            if (latest.treeSize() > size) {
                problems.add("the log has " + size + " entries but checkpoint " + latest.treeSize() + " signed more");
            } else {
                byte[] root = new Merkle(leaves(sequenced, latest.treeSize())).root();
                if (!Arrays.equals(root, latest.root())) {
                    problems.add("the log's first " + latest.treeSize() + " entries no longer have the root signed in checkpoint "
                            + latest.treeSize() + " (an entry was changed or removed)");
                }
            }
        }
        return problems;
    }
}
