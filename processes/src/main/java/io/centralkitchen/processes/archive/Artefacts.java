package io.centralkitchen.processes.archive;

import io.centralkitchen.processes.archive.verify.Merkle;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.ObjectNotFoundException;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Where an entry's artefact is now, read again: the object in the store, the row in its table, the stored document. */
@Component
class Artefacts {

    /** What reading an artefact found: its SHA-256 now and its size, or that it is gone. */
    record Found(boolean present, String sha256, long bytes) {
    }

    private final MediaStore store;
    private final ArchivedRows rows;

    Artefacts(MediaStore store, ArchivedRows rows) {
        this.store = store;
        this.rows = rows;
    }

    /** Copies the artefact to {@code out} (when not null) while hashing it. */
    Found copy(ArchiveEntries.Stored stored, OutputStream out) {
        try (InputStream in = open(stored)) {
            if (in == null) {
                return new Found(false, null, 0);
            }
            MessageDigest digest = Merkle.digest();
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int r; (r = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, r);
                if (out != null) {
                    out.write(buffer, 0, r);
                }
                total += r;
            }
            return new Found(true, HexFormat.of().formatHex(digest.digest()), total);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the artefact of archive entry " + stored.id() + ": " + e.getMessage(), e);
        }
    }

    /** Null when the artefact is gone. */
    private InputStream open(ArchiveEntries.Stored stored) {
        String ref = stored.entry().ref();
        return switch (stored.entry().refType()) {
            case ArchiveLog.OBJECT -> {
                try {
                    yield store.get(ref);
                } catch (ObjectNotFoundException gone) {
                    yield null;
                }
            }
            case ArchiveLog.ROW -> rows.read(ref).map(b -> (InputStream) new ByteArrayInputStream(b)).orElse(null);
            case ArchiveLog.DOC -> stored.document() == null ? null : new ByteArrayInputStream(stored.document().getBytes(StandardCharsets.UTF_8));
            case ArchiveLog.LINK -> new ByteArrayInputStream(ref.getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalStateException("Unknown artefact reference type " + stored.entry().refType());
        };
    }
}
