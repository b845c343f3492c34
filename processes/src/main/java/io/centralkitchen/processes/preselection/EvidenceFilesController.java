package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.Roles;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.storage.MediaStore;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * A dossier's documents through the platform: {@code /api/preselection/evidence/{id}/file}, for the people who review
 * it and the supplier who sent it, streamed from whichever object store the deployment has. The links in reviewers'
 * forms point here, so they never expire while a form is open and work from every desk (a presigned URL of the store
 * works only where the store can be reached, and only until it expires).
 */
@RestController
public class EvidenceFilesController {

    private final Dossier dossier;
    private final SupplierRegistry suppliers;
    private final CurrentUser currentUser;
    private final MediaStore store;

    public EvidenceFilesController(Dossier dossier, SupplierRegistry suppliers, CurrentUser currentUser, MediaStore store) {
        this.dossier = dossier;
        this.suppliers = suppliers;
        this.currentUser = currentUser;
        this.store = store;
    }

    /** The link a form or page shows for a document's file. */
    public static String link(long evidenceId) {
        return "/api/preselection/evidence/" + evidenceId + "/file";
    }

    @Operation(summary = "Download an evidence document's file (staff of its station, or the supplier who sent it)")
    @GetMapping("/api/preselection/evidence/{evidenceId}/file")
    @PreAuthorize(Roles.PRESELECTION_READERS)
    public ResponseEntity<InputStreamResource> file(@PathVariable long evidenceId) {
        EvidenceDocument document = dossier.evidence(evidenceId).filter(this::visible).filter(d -> d.objectKey() != null)
                .orElseThrow(() -> new NotFoundException("No evidence file " + evidenceId));
        String type = document.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : document.contentType();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.parseMediaType(type));
        if (document.sizeBytes() != null) {
            answer.contentLength(document.sizeBytes());
        }
        return answer
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(document.fileName() == null ? "evidence-" + evidenceId : document.fileName(), StandardCharsets.UTF_8)
                        .build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new InputStreamResource(store.getVerified(document.objectKey())));
    }

    private boolean visible(EvidenceDocument d) {
        if (currentUser.isAdmin()) {
            return true;
        }
        if (currentUser.isMemberOf(SupplierRegistry.SUPPLIERS_GROUP)) {
            return suppliers.byAccount(currentUser.userId()).map(own -> own.id() == d.supplierId()).orElse(false);
        }
        return currentUser.stations().contains(d.stationId());
    }
}
