package io.centralkitchen.processes.archive;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.Roles;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.archive.verify.Checkpoint;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The archive over REST, for administrators and the {@code compliance} group of the station: evidence packs of a show, a
 * product or an after-sales case ({@code .../pack}, a ZIP), the platform's own integrity check, and the public key
 * that verifies the checkpoints. Another station's archive is "not found".
 */
@RestController
public class ArchiveController {

    private final EvidencePacks packs;
    private final ArchiveIntegrity integrity;
    private final ArchiveSigner signer;
    private final CurrentUser currentUser;

    ArchiveController(EvidencePacks packs, ArchiveIntegrity integrity, ArchiveSigner signer, CurrentUser currentUser) {
        this.packs = packs;
        this.integrity = integrity;
        this.signer = signer;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/stations/{stationId}/archive/shows/{showId}/pack")
    @PreAuthorize(Roles.COMPLIANCE)
    public ResponseEntity<Resource> showPack(@PathVariable String stationId, @PathVariable String showId) {
        return pack(stationId, ArchiveSubject.show(showId), "show '" + showId + "'");
    }

    @GetMapping("/api/stations/{stationId}/archive/products/{productId}/pack")
    @PreAuthorize(Roles.COMPLIANCE)
    public ResponseEntity<Resource> productPack(@PathVariable String stationId, @PathVariable long productId) {
        return pack(stationId, ArchiveSubject.product(productId), "product " + productId);
    }

    @GetMapping("/api/stations/{stationId}/archive/cases/{caseRef}/pack")
    @PreAuthorize(Roles.COMPLIANCE)
    public ResponseEntity<Resource> casePack(@PathVariable String stationId, @PathVariable String caseRef) {
        return pack(stationId, ArchiveSubject.afterSalesCase(caseRef), "after-sales case '" + caseRef + "'");
    }

    /** Re-reads the station's log, rows and objects; names every entry whose artefact or log record was changed. */
    @GetMapping("/api/stations/{stationId}/archive/check")
    @PreAuthorize(Roles.COMPLIANCE)
    public ArchiveIntegrity.Report check(@PathVariable String stationId) {
        requireComplianceOf(stationId);
        return integrity.check(stationId);
    }

    /** The Ed25519 public key (PEM) that verifies every checkpoint of this installation. */
    @GetMapping(value = "/api/archive/public-key", produces = "application/x-pem-file")
    @PreAuthorize(Roles.ANY_USER)
    public String publicKey() {
        return Checkpoint.pem(signer.publicKey());
    }

    private ResponseEntity<Resource> pack(String stationId, ArchiveSubject subject, String what) {
        requireComplianceOf(stationId);
        if (!packs.holds(stationId, subject)) {
            throw new NotFoundException("The archive of station '" + stationId + "' holds nothing about " + what);
        }
        String file = "evidence-" + stationId + "-" + subject.kind().toLowerCase() + "-" + subject.id().replaceAll("[^A-Za-z0-9._-]", "_")
                + ".zip";
        // built completely before the answer starts, so that a failure is an error answer and not a truncated ZIP
        Path pack = null;
        try {
            pack = Files.createTempFile("evidence-pack-", ".zip");
            try (OutputStream out = Files.newOutputStream(pack)) {
                packs.write(stationId, subject, currentUser.userId(), out);
            }
            InputStream content = new DeletingInputStream(pack);
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip")).contentLength(Files.size(pack))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                    .body(new InputStreamResource(content));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(pack);
            throw e instanceof IOException io ? new UncheckedIOException("Cannot build the evidence pack of " + what, io)
                    : (RuntimeException) e;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the JVM's temp directory is cleaned by the system
            }
        }
    }

    /** The pack's temporary file, removed once it has been sent. */
    private static final class DeletingInputStream extends FilterInputStream {
        private final Path file;

        DeletingInputStream(Path file) throws IOException {
            super(Files.newInputStream(file));
            this.file = file;
        }

        @Override
        public void close() throws IOException {
            super.close();
            deleteQuietly(file);
        }
    }

    /** The station must be the caller's (else "not found"), and the caller an administrator or compliance officer. */
    private void requireComplianceOf(String stationId) {
        currentUser.requireStation(stationId);
        currentUser.requireGroup(io.centralkitchen.processes.access.KitchenGroups.COMPLIANCE);
    }
}
