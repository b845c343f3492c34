package io.centralkitchen.processes.archive;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.Roles;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.archive.verify.Checkpoint;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

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
    public ResponseEntity<StreamingResponseBody> showPack(@PathVariable String stationId, @PathVariable String showId) {
        return pack(stationId, ArchiveSubject.show(showId), "show '" + showId + "'");
    }

    @GetMapping("/api/stations/{stationId}/archive/products/{productId}/pack")
    @PreAuthorize(Roles.COMPLIANCE)
    public ResponseEntity<StreamingResponseBody> productPack(@PathVariable String stationId, @PathVariable long productId) {
        return pack(stationId, ArchiveSubject.product(productId), "product " + productId);
    }

    @GetMapping("/api/stations/{stationId}/archive/cases/{caseRef}/pack")
    @PreAuthorize(Roles.COMPLIANCE)
    public ResponseEntity<StreamingResponseBody> casePack(@PathVariable String stationId, @PathVariable String caseRef) {
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

    private ResponseEntity<StreamingResponseBody> pack(String stationId, ArchiveSubject subject, String what) {
        requireComplianceOf(stationId);
        if (!packs.holds(stationId, subject)) {
            throw new NotFoundException("The archive of station '" + stationId + "' holds nothing about " + what);
        }
        String builtBy = currentUser.userId();
        String file = "evidence-" + stationId + "-" + subject.kind().toLowerCase() + "-" + subject.id().replaceAll("[^A-Za-z0-9._-]", "_")
                + ".zip";
        StreamingResponseBody body = out -> packs.write(stationId, subject, builtBy, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .body(body);
    }

    /** The station must be the caller's (else "not found"), and the caller an administrator or compliance officer. */
    private void requireComplianceOf(String stationId) {
        currentUser.requireStation(stationId);
        currentUser.requireGroup(io.centralkitchen.processes.access.KitchenGroups.COMPLIANCE);
    }
}
