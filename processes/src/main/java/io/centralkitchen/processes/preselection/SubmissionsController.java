package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.api.ApiExceptionHandler;
import io.centralkitchen.processes.access.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import io.centralkitchen.processes.catalogue.Supplier;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.api.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.preselection.SubmissionForms.EvidenceForm;
import io.centralkitchen.processes.preselection.SubmissionForms.ProductForm;
import io.centralkitchen.processes.preselection.SubmissionForms.SubmissionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.util.List;

/** {@code /api/preselection/submissions}: suppliers submit products with their evidence and follow the review. */
@RestController
@RequestMapping("/api/preselection/submissions")
@Tag(name = "Product submissions", description = "Suppliers submit products with evidence files and poll their status")
public class SubmissionsController {

    private final SubmissionService service;
    private final SubmissionValidator validator;
    private final SupplierRegistry suppliers;
    private final Dossier dossier;
    private final CurrentUser currentUser;
    private final JsonParts json;


    public SubmissionsController(SubmissionService service, SubmissionValidator validator, SupplierRegistry suppliers,
                                 Dossier dossier, CurrentUser currentUser, JsonParts json) {
        this.service = service;
        this.validator = validator;
        this.suppliers = suppliers;
        this.dossier = dossier;
        this.currentUser = currentUser;
        this.json = json;
    }

    @Operation(summary = "Submit a product with its evidence files",
            description = "Multipart: 'product' (JSON), 'evidence' (JSON array, each item naming its file), 'files' (PDF/JPEG/PNG,"
                    + " one per evidence item), optional 'media' (JPEG/PNG pictures). Everything is checked before anything is"
                    + " stored; a 400 names the field at fault.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
            schema = @Schema(implementation = SubmissionForms.SubmissionUpload.class),
            encoding = {@Encoding(name = "product", contentType = MediaType.APPLICATION_JSON_VALUE),
                    @Encoding(name = "evidence", contentType = MediaType.APPLICATION_JSON_VALUE)}))
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Roles.SUBMITTERS)
    public SubmissionView submit(
            @RequestPart("product") @Parameter(hidden = true) String product,
            @RequestPart(value = "evidence", required = false) @Parameter(hidden = true) String evidence,
            @RequestPart(value = "files", required = false) @Parameter(hidden = true) List<MultipartFile> files,
            @RequestPart(value = "media", required = false) @Parameter(hidden = true) List<MultipartFile> media) {
        ProductForm form = json.read("product", product, ProductForm.class);
        Supplier supplier = submittingSupplier(form.supplierId());
        var validProduct = validator.product(form);
        var validEvidence = validator.evidence(json.readList("evidence", evidence, EvidenceForm.class), files);
        var validMedia = validator.media(media);
        return service.submit(supplier, currentUser.userId(), validProduct, validEvidence, validMedia);
    }

    @Operation(summary = "Add evidence to a submission", description = "Same parts as a submission's 'evidence' and 'files'."
            + " A submission waiting for evidence continues as soon as nothing required is missing.")
    @PostMapping(path = "/{submissionId}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
            schema = @Schema(implementation = SubmissionForms.EvidenceUpload.class),
            encoding = @Encoding(name = "evidence", contentType = MediaType.APPLICATION_JSON_VALUE)))
    @PreAuthorize(Roles.SUBMITTERS)
    public SubmissionView addEvidence(@PathVariable long submissionId,
            @RequestPart("evidence") @Parameter(hidden = true) String evidence,
            @RequestPart("files") @Parameter(hidden = true) List<MultipartFile> files) {
        Submission submission = visibleSubmission(submissionId);
        if (submission.status() == Submission.Status.REJECTED) {
            throw new ConflictException("Submission " + submissionId + " was rejected; submit the product again");
        }
        List<EvidenceForm> items = json.readList("evidence", evidence, EvidenceForm.class);
        if (items.isEmpty()) {
            throw new InvalidFieldException("evidence", "Part 'evidence' lists no document");
        }
        var valid = validator.evidence(items, files);
        return service.addEvidence(suppliers.require(submission.supplierId()), submission, currentUser.userId(), valid);
    }

    @Operation(summary = "Where a submission stands: status, required and missing evidence, the dossier")
    @GetMapping("/{submissionId}")
    @PreAuthorize(Roles.PRESELECTION_READERS)
    public SubmissionView status(@PathVariable long submissionId) {
        return service.view(visibleSubmission(submissionId).id());
    }

    @Operation(summary = "Submissions the caller may see: a supplier its own, staff those of their stations")
    @GetMapping
    @PreAuthorize(Roles.PRESELECTION_READERS)
    public List<SubmissionView> list() {
        List<Submission> visible = currentUser.isMemberOf(SupplierRegistry.SUPPLIERS_GROUP) && !currentUser.isAdmin()
                ? dossier.submissionsOfSupplier(ownSupplier().id())
                : dossier.submissionsOfStations(currentUser.stations(), currentUser.isAdmin());
        return visible.stream().limit(200).map(s -> service.view(s.id())).toList();
    }

    private Supplier submittingSupplier(Long onBehalfOf) {
        if (currentUser.isMemberOf(SupplierRegistry.SUPPLIERS_GROUP) && !currentUser.isAdmin()) {
            Supplier own = ownSupplier();
            if (onBehalfOf != null && onBehalfOf != own.id()) {
                throw new ApiExceptionHandler.AccessDeniedException("A supplier account submits for its own supplier only (product.supplierId)");
            }
            return own;
        }
        currentUser.requireGroup(KitchenGroups.EDITORS);
        if (onBehalfOf == null) {
            throw new InvalidFieldException("product.supplierId", "Staff submitting on a supplier's behalf must give product.supplierId");
        }
        return suppliers.byId(onBehalfOf).filter(s -> currentUser.worksFor(s.stationId())).orElseThrow(() ->
                new NotFoundException("No supplier " + onBehalfOf + " (product.supplierId)"));
    }

    private Supplier ownSupplier() {
        return suppliers.byAccount(currentUser.userId()).orElseThrow(() -> new ApiExceptionHandler.AccessDeniedException(
                "Account '" + currentUser.userId() + "' is not linked to a supplier"));
    }

    /** Suppliers see their own submissions, staff those of their stations; anything else does not exist for them. */
    private Submission visibleSubmission(long submissionId) {
        Submission s = dossier.submission(submissionId).orElse(null);
        boolean visible;
        if (s == null) {
            visible = false;
        } else if (currentUser.isAdmin()) {
            visible = true;
        } else if (currentUser.isMemberOf(SupplierRegistry.SUPPLIERS_GROUP)) {
            visible = suppliers.byAccount(currentUser.userId()).map(own -> own.id() == s.supplierId()).orElse(false);
        } else {
            visible = currentUser.stations().contains(s.stationId());
        }
        if (!visible) {
            throw new NotFoundException("No submission " + submissionId);
        }
        return s;
    }
}
