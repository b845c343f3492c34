package io.centralkitchen.processes.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.centralkitchen.processes.archive.verify.Checkpoint;
import io.centralkitchen.processes.archive.verify.LogEntry;
import io.centralkitchen.processes.archive.verify.Merkle;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the evidence pack of a show, a product or an after-sales case: one ZIP with {@code manifest.json} (every log
 * entry of the subject and of the subjects it involves, each with its inclusion proof), each entry's artefact under
 * {@code artefacts/}, the signed checkpoint the proofs lead to and the platform's public key. A show involves the
 * products of its rundown and the cases about them; a product its cases; a case its product.
 * {@link io.centralkitchen.processes.archive.verify.PackVerifier} checks it offline.
 */
@Service
public class EvidencePacks {

    static final String FORMAT = "central-kitchen-evidence-pack/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ArchiveEntries entries;
    private final ArchiveCheckpoints checkpoints;
    private final Artefacts artefacts;
    private final ArchiveSigner signer;

    EvidencePacks(ArchiveEntries entries, ArchiveCheckpoints checkpoints, Artefacts artefacts, ArchiveSigner signer) {
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.artefacts = artefacts;
        this.signer = signer;
    }

    /** Whether the station's archive holds anything about the subject. */
    public boolean holds(String station, ArchiveSubject subject) {
        return entries.hasSubject(station, subject);
    }

    /** Writes the pack; signs a fresh checkpoint first so it covers everything recorded until now. */
    public void write(String station, ArchiveSubject subject, String builtBy, OutputStream out) throws IOException {
        Checkpoint checkpoint = checkpoints.checkpoint(station)
                .orElseThrow(() -> new IllegalStateException("Station '" + station + "' has no signed archive checkpoint yet"));
        Merkle tree = new Merkle(LogConsistency.leaves(entries.sequenced(station), checkpoint.treeSize()));
        ObjectNode manifest = JSON.createObjectNode().put("format", FORMAT).put("station", station).put("subject", subject.ref())
                .put("builtAt", Instant.now().toString()).put("builtBy", builtBy);
        ArrayNode subjectsNode = manifest.putArray("subjects");
        ObjectNode c = manifest.putObject("checkpoint").put("station", checkpoint.station()).put("treeSize", checkpoint.treeSize())
                .put("rootHash", checkpoint.rootHash()).put("signedAt", checkpoint.signedAt().toString())
                .put("keyId", checkpoint.keyId()).put("signature", checkpoint.signature());
        ArrayNode list = manifest.putArray("entries");
        ZipOutputStream zip = new ZipOutputStream(out);
        Map<String, Artefacts.Found> written = new HashMap<>();
        for (ArchiveSubject s : subjects(station, subject)) {
            subjectsNode.add(s.ref());
            for (ArchiveEntries.Stored stored : sorted(entries.ofSubject(station, s))) {
                list.add(entry(zip, written, stored, tree, checkpoint.treeSize()));
            }
        }
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        put(zip, "manifest.json", JSON.writeValueAsBytes(manifest));
        put(zip, "public-key.pem", Checkpoint.pem(signer.publicKey()).getBytes(StandardCharsets.US_ASCII));
        put(zip, "README.txt", ("Evidence pack of " + subject.ref() + " (station " + station + ").\nCheck it offline with the"
                + " platform's public key:\n  java -jar central-kitchen.jar verify <this.zip> public-key.pem\n"
                + "It reports OK, or the first entry or artefact that does not match what the signed log holds.\n")
                .getBytes(StandardCharsets.UTF_8));
        zip.finish();
        zip.flush();
    }

    private ObjectNode entry(ZipOutputStream zip, Map<String, Artefacts.Found> written, ArchiveEntries.Stored stored, Merkle tree,
                             long treeSize) throws IOException {
        LogEntry e = stored.entry();
        ObjectNode n = JSON.createObjectNode().put("index", e.index());
        n.putPOJO("prevIndex", e.prevIndex());
        n.put("station", e.station()).put("subjectKind", e.subjectKind()).put("subjectId", e.subjectId()).put("kind", e.kind())
                .put("refType", e.refType()).put("ref", e.ref()).put("artefactHash", e.artefactHash()).put("actor", e.actor())
                .put("recordedAt", e.recordedAt().toString());
        if (!ArchiveLog.LINK.equals(e.refType())) {
            String path = "artefacts/" + e.refType().toLowerCase() + "/" + (ArchiveLog.OBJECT.equals(e.refType()) ? e.ref()
                    : stored.id() + "-" + e.kind().toLowerCase() + ".json");
            Artefacts.Found found = written.get(path);
            if (found == null) {
                zip.setLevel(ArchiveLog.OBJECT.equals(e.refType()) ? Deflater.NO_COMPRESSION : Deflater.DEFAULT_COMPRESSION);
                zip.putNextEntry(new ZipEntry(path));
                found = artefacts.copy(stored, zip);
                zip.closeEntry();
                written.put(path, found);
            }
            if (found.present()) {
                n.put("artefact", path).put("bytes", found.bytes());
            } else {
                n.put("note", "the artefact is gone from the platform");
            }
        }
        if (stored.sequenced() && e.index() < treeSize) {
            ArrayNode proof = n.putArray("proof");
            tree.inclusionProof((int) e.index()).forEach(p -> proof.add(HexFormat.of().formatHex(p)));
        } else {
            n.put("note", "not covered by a signed checkpoint");
        }
        return n;
    }

    /** The subject and what it involves, in a stable order. */
    Set<ArchiveSubject> subjects(String station, ArchiveSubject root) {
        Set<ArchiveSubject> subjects = new LinkedHashSet<>();
        subjects.add(root);
        for (ArchiveEntries.Stored s : entries.ofSubject(station, root)) {
            if (ArchiveLog.LINK.equals(s.entry().refType())) {
                subjects.add(ArchiveSubject.parse(s.entry().ref()));
            }
        }
        if (!ArchiveSubject.CASE.equals(root.kind())) {
            for (ArchiveSubject product : List.copyOf(subjects)) {
                if (ArchiveSubject.PRODUCT.equals(product.kind())) {
                    entries.linkedTo(station, product).stream().filter(s -> ArchiveSubject.CASE.equals(s.kind())).forEach(subjects::add);
                }
            }
        }
        return subjects;
    }

    private static List<ArchiveEntries.Stored> sorted(List<ArchiveEntries.Stored> stored) {
        List<ArchiveEntries.Stored> list = new ArrayList<>(stored);
        list.sort(Comparator.comparing((ArchiveEntries.Stored s) -> !s.sequenced()).thenComparingLong(s -> s.entry().index())
                .thenComparingLong(ArchiveEntries.Stored::id));
        return list;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    Optional<Checkpoint> latest(String station) {
        return entries.latestCheckpoint(station);
    }
}
