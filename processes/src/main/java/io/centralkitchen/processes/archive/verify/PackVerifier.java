package io.centralkitchen.processes.archive.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks an evidence pack offline, with nothing but the pack and the platform's public key: the checkpoint's Ed25519
 * signature, that no entry of a subject is missing (each names the one before it), every artefact against its archived
 * SHA-256, and every entry's inclusion proof against the signed root. Reports OK or the first thing that does not match.
 * <p>
 * {@code java -jar central-kitchen.jar verify pack.zip public-key.pem} (no Spring, no database, no network).
 */
public final class PackVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Result(boolean ok, String message) {
    }

    private PackVerifier() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: verify <pack.zip> [<public-key.pem>]   (without a key file, the key inside the pack is"
                    + " used, which proves integrity but not origin)");
            System.exit(2);
        }
        try {
            Result result = verify(Path.of(args[0]), args.length == 2 ? Checkpoint.publicKey(Files.readString(Path.of(args[1]))) : null);
            System.out.println(result.message());
            System.exit(result.ok() ? 0 : 1);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Cannot verify " + args[0] + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /** Verifies the pack; {@code key} null takes the public key the pack carries. */
    public static Result verify(Path pack, PublicKey key) throws IOException {
        try (ZipFile zip = new ZipFile(pack.toFile())) {
            ZipEntry manifestEntry = zip.getEntry("manifest.json");
            if (manifestEntry == null) {
                return fail("the pack has no manifest.json");
            }
            JsonNode manifest;
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifest = JSON.readTree(in);
            }
            if (key == null) {
                ZipEntry pem = zip.getEntry("public-key.pem");
                if (pem == null) {
                    return fail("the pack has no public-key.pem and no key was given");
                }
                try (InputStream in = zip.getInputStream(pem)) {
                    key = Checkpoint.publicKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return verify(zip, manifest, key);
        }
    }

    private static Result verify(ZipFile zip, JsonNode manifest, PublicKey key) throws IOException {
        JsonNode c = manifest.path("checkpoint");
        Checkpoint checkpoint = new Checkpoint(c.path("station").asText(), c.path("treeSize").asLong(), c.path("rootHash").asText(),
                Instant.parse(c.path("signedAt").asText()), c.path("keyId").asText(), c.path("signature").asText());
        String station = manifest.path("station").asText();
        if (!checkpoint.verifies(key)) {
            return fail("the checkpoint (tree size " + checkpoint.treeSize() + ") is not signed by the given public key");
        }
        if (!checkpoint.station().equals(station)) {
            return fail("the checkpoint is of station '" + checkpoint.station() + "', the pack of '" + station + "'");
        }
        List<JsonNode> nodes = new ArrayList<>();
        manifest.path("entries").forEach(nodes::add);
        Map<Long, LogEntry> byIndex = new HashMap<>();
        for (JsonNode n : nodes) {
            LogEntry e = entry(n);
            byIndex.put(e.index(), e);
        }
        for (LogEntry e : byIndex.values()) {
            if (e.prevIndex() != null && !byIndex.containsKey(e.prevIndex())) {
                return fail("log entry #" + e.prevIndex() + " is missing: entry " + e.describe() + " follows it in the log of "
                        + e.subjectKind() + " " + e.subjectId());
            }
        }
        long bytes = 0;
        for (JsonNode n : nodes) {
            LogEntry e = entry(n);
            if (!e.station().equals(station)) {
                return fail("entry " + e.describe() + " belongs to station '" + e.station() + "'");
            }
            String problem = artefactProblem(zip, e, n);
            if (problem != null) {
                return fail("entry " + e.describe() + ": " + problem);
            }
            if (e.index() >= checkpoint.treeSize()) {
                return fail("entry " + e.describe() + " is not covered by the signed checkpoint (tree size " + checkpoint.treeSize() + ")");
            }
            List<byte[]> proof = new ArrayList<>();
            n.path("proof").forEach(p -> proof.add(HexFormat.of().parseHex(p.asText())));
            if (!Merkle.verifyInclusion(e.index(), checkpoint.treeSize(), e.leafHash(), proof, checkpoint.root())) {
                return fail("entry " + e.describe() + " is not the entry the signed log holds (its inclusion proof fails):"
                        + " the log entry was changed");
            }
            bytes += n.path("bytes").asLong(0);
        }
        return new Result(true, "OK: " + nodes.size() + " entries of " + manifest.path("subject").asText() + " (station " + station
                + "), " + bytes + " artefact bytes, under checkpoint " + checkpoint.treeSize() + " signed " + checkpoint.signedAt()
                + " by key " + Checkpoint.keyId(key));
    }

    /** Null when the artefact in the pack hashes to the archived SHA-256, else what is wrong. */
    private static String artefactProblem(ZipFile zip, LogEntry e, JsonNode n) throws IOException {
        String actual;
        if ("LINK".equals(e.refType())) {
            actual = hex(Merkle.sha256(e.ref().getBytes(StandardCharsets.UTF_8)));
        } else {
            String path = n.path("artefact").asText(null);
            ZipEntry file = path == null ? null : zip.getEntry(path);
            if (file == null) {
                return "its artefact is missing" + (n.hasNonNull("note") ? " (" + n.path("note").asText() + ")" : "");
            }
            MessageDigest d = Merkle.digest();
            try (InputStream in = zip.getInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int r; (r = in.read(buffer)) > 0; ) {
                    d.update(buffer, 0, r);
                }
            }
            actual = hex(d.digest());
        }
        return actual.equals(e.artefactHash()) ? null
                : "the artefact differs from the archived one (archived SHA-256 " + e.artefactHash() + ", found " + actual + ")";
    }

    static LogEntry entry(JsonNode n) {
        return new LogEntry(n.path("index").asLong(), n.hasNonNull("prevIndex") ? n.path("prevIndex").asLong() : null,
                n.path("station").asText(), n.path("subjectKind").asText(), n.path("subjectId").asText(), n.path("kind").asText(),
                n.path("refType").asText(), n.path("ref").asText(), n.path("artefactHash").asText(), n.path("actor").asText(),
                Instant.parse(n.path("recordedAt").asText()));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static Result fail(String message) {
        return new Result(false, "MISMATCH: " + message);
    }
}
