package io.centralkitchen.processes.archive;

import io.centralkitchen.processes.archive.verify.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running platform's own check of a station's archive: the log against its signed checkpoint ({@link LogConsistency}),
 * then every artefact read again — objects from the store, rows from their tables, documents — against the SHA-256 its
 * entry holds. Problems name the entry and its artefact. Runs nightly ({@code kitchen.archive.check-cron}) and on request;
 * the latest result per station shows in {@code /actuator/health}.
 */
@Service
public class ArchiveIntegrity {

    private static final Logger log = LoggerFactory.getLogger(ArchiveIntegrity.class);

    /** What a check found. {@code intact} when there are no problems. */
    public record Report(String station, Instant checkedAt, long entries, Long checkpointSize, boolean intact, List<String> problems) {
    }

    private final ArchiveEntries entries;
    private final Artefacts artefacts;
    private final ArchiveSigner signer;
    private final Map<String, Report> latest = new ConcurrentHashMap<>();

    ArchiveIntegrity(ArchiveEntries entries, Artefacts artefacts, ArchiveSigner signer) {
        this.entries = entries;
        this.artefacts = artefacts;
        this.signer = signer;
    }

    public Report check(String station) {
        List<ArchiveEntries.Stored> sequenced = entries.sequenced(station);
        Checkpoint checkpoint = entries.latestCheckpoint(station).orElse(null);
        long size = sequenced.isEmpty() ? 0 : Math.max(sequenced.get(sequenced.size() - 1).entry().index() + 1,
                checkpoint == null ? 0 : checkpoint.treeSize());
        List<String> problems = new ArrayList<>(LogConsistency.problems(sequenced, size, checkpoint, signer.publicKey()));
        List<ArchiveEntries.Stored> all = new ArrayList<>(sequenced);
        all.addAll(entries.pending(station));
        for (ArchiveEntries.Stored s : all) {
            Artefacts.Found found = artefacts.copy(s, null);
            String name = s.sequenced() ? s.entry().describe() : "(not yet sequenced) " + s.entry().describe().substring("#-1 ".length());
            if (!found.present()) {
                problems.add("entry " + name + ": its artefact is gone");
            } else if (!found.sha256().equals(s.entry().artefactHash())) {
                problems.add("entry " + name + ": the artefact was changed (archived SHA-256 " + s.entry().artefactHash() + ", now "
                        + found.sha256() + ")");
            }
        }
        Report report = new Report(station, Instant.now(), all.size(), checkpoint == null ? null : checkpoint.treeSize(),
                problems.isEmpty(), List.copyOf(problems));
        latest.put(station, report);
        if (!report.intact()) {
            log.error("Archive of station {}: {} problem(s); first: {}", station, problems.size(), problems.get(0));
        }
        return report;
    }

    @Scheduled(cron = "${kitchen.archive.check-cron:0 15 3 * * *}")
    void nightly() {
        for (String station : entries.stations()) {
            try {
                check(station);
            } catch (RuntimeException e) {
                log.error("Cannot check the archive of station {}: {}", station, e.getMessage());
            }
        }
    }

    Map<String, Report> latestReports() {
        return Map.copyOf(latest);
    }
}
