package io.centralkitchen.processes.preselection;

import java.util.Map;
import java.util.LinkedHashMap;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.access.EngineAsSystem;
import io.centralkitchen.processes.catalogue.ProductCategory;
import io.centralkitchen.processes.catalogue.Supplier;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.preselection.SubmissionForms.EvidenceView;
import io.centralkitchen.processes.preselection.SubmissionForms.SubmissionView;
import io.centralkitchen.processes.preselection.SubmissionValidator.ValidEvidence;
import io.centralkitchen.processes.preselection.SubmissionValidator.ValidMedia;
import io.centralkitchen.processes.preselection.SubmissionValidator.ValidProduct;
import io.centralkitchen.storage.StoredObject;
import io.centralkitchen.processes.catalogue.ProductVideos;
import io.centralkitchen.storage.StationKeys;
import io.centralkitchen.processes.preselection.video.ProductVideoSteps;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Records submissions and their evidence and drives the {@value #PROCESS_KEY} process. Input is validated before it
 * gets here; everything a call writes — rows, objects, the process instance — commits together or not at all.
 */
@Service
public class SubmissionService {

    public static final String PROCESS_KEY = "product-preselection";
    public static final String EVIDENCE_SUPPLIED = "EvidenceSupplied";
    public static final String RE_REVIEW_REQUESTED = "ProductReReviewRequested";

    private final Dossier dossier;
    private final DossierFiles files;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final PreselectionProperties properties;


    private final Products products;
    private final ProductVideos videos;
    private final ArchiveLog archive;

    public SubmissionService(Dossier dossier, DossierFiles files, RuntimeService runtimeService, IdentityService identityService,
                             PreselectionProperties properties, Products products, ProductVideos videos, ArchiveLog archive) {
        this.videos = videos;
        this.archive = archive;
        this.products = products;
        this.dossier = dossier;
        this.files = files;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.properties = properties;
    }

    @Transactional
    public SubmissionView submit(Supplier supplier, String submittedBy, ValidProduct p, List<ValidEvidence> evidence,
                                 List<ValidMedia> media) {
        String station = supplier.stationId();
        long productId = products.insert(station, supplier.id(), p.name(), p.category(), p.price(), p.unit(),
                p.stockOffered(), p.sellingPoints(), p.scriptLines());
        long submissionId = dossier.insertSubmission(station, supplier.id(), productId, Submission.FIRST_SUBMISSION, submittedBy, null);
        storeEvidence(supplier, productId, submissionId, submittedBy, evidence);
        for (int i = 0; i < media.size(); i++) {
            ValidMedia m = media.get(i);
            String key = StationKeys.productMedia(station, supplier.id(), productId, i + 1, m.file().getOriginalFilename());
            StoredObject stored = files.put(key, m.file(), m.contentType());
            long mediaId = products.addMedia(station, productId, key, m.file().getOriginalFilename(), m.contentType(), stored.size(),
                    stored.sha256());
            archive.object(station, ArchiveSubject.product(productId), "PRODUCT_MEDIA", stored, submittedBy);
            if (UploadedFiles.VIDEO_TYPES.contains(m.contentType())) {
                checkVideo(station, mediaId, key);
            }
        }
        startProcess(supplier, dossier.requireSubmission(submissionId), p.name(), p.category(), p.sellingPoints(), p.scriptLines(), null);
        return view(submissionId);
    }

    /** Adds evidence to a submission; a submission waiting for evidence continues at once. */
    @Transactional
    public SubmissionView addEvidence(Supplier supplier, Submission submission, String submittedBy, List<ValidEvidence> evidence) {
        storeEvidence(supplier, submission.productId(), submission.id(), submittedBy, evidence);
        if (submission.processInstanceId() != null) {
            EngineAsSystem.run(identityService, () -> runtimeService.createMessageCorrelation(EVIDENCE_SUPPLIED)
                    .processInstanceId(submission.processInstanceId()).correlateAllWithResult());
        }
        return view(submission.id());
    }

    /** Starts a new round for an approved or suspended product (used by {@link EvidenceRecheck}). */
    @Transactional
    public long startReReview(Supplier supplier, Product product, String reason) {
        long submissionId = dossier.insertSubmission(product.stationId(), supplier.id(), product.id(), Submission.RE_REVIEW,
                "system", reason);
        startProcess(supplier, dossier.requireSubmission(submissionId), product.name(), product.category(),
                product.sellingPoints(), product.scriptLines(), reason);
        return submissionId;
    }

    public SubmissionView view(long submissionId) {
        Submission s = dossier.requireSubmission(submissionId);
        Product product = products.require(s.productId());
        List<String> missing = s.status() == Submission.Status.WAITING_FOR_EVIDENCE
                ? dossier.missingEvidence(s, product.evidenceDay()).stream().map(Enum::name).toList()
                : List.of();
        List<EvidenceView> evidence = dossier.evidenceFor(s.supplierId(), s.productId()).stream().map(EvidenceView::of).toList();
        return new SubmissionView(s.id(), s.productId(), s.supplierId(), s.stationId(), s.kind(), s.status().name(),
                s.statusReason(), s.requiredEvidence().stream().map(Enum::name).toList(), missing, product.status(), evidence,
                videos.ofProduct(s.stationId(), s.productId()).stream().map(SubmissionForms.VideoView::of).toList(),
                s.createdAt(), s.updatedAt());
    }

    private void storeEvidence(Supplier supplier, long productId, long submissionId, String recordedBy, List<ValidEvidence> evidence) {
        for (ValidEvidence e : evidence) {
            Long product = e.type().perSupplier() ? null : productId;
            long evidenceId = dossier.insertEvidence(supplier.stationId(), supplier.id(), product, submissionId, e.type(), e.number(),
                    e.issuer(), e.validFrom(), e.validUntil(), e.scope(), null, recordedBy);
            String key = StationKeys.evidence(supplier.stationId(), supplier.id(), evidenceId, e.file().getOriginalFilename());
            StoredObject stored = files.put(key, e.file(), e.contentType());
            dossier.setEvidenceFile(evidenceId, key, e.file().getOriginalFilename(), e.contentType(), stored.size(), stored.sha256());
            ArchiveSubject subject = ArchiveSubject.product(productId);
            archive.object(supplier.stationId(), subject, "DOSSIER_FILE", stored, recordedBy);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("evidenceId", evidenceId);
            data.put("submissionId", submissionId);
            data.put("supplierId", supplier.id());
            data.put("type", e.type().name());
            data.put("number", e.number());
            data.put("issuer", e.issuer());
            data.put("validFrom", String.valueOf(e.validFrom()));
            data.put("validUntil", String.valueOf(e.validUntil()));
            data.put("scope", e.scope());
            data.put("fileKey", key);
            data.put("fileSha256", stored.sha256());
            archive.document(supplier.stationId(), subject, "EVIDENCE_DATA", data, recordedBy);
        }
    }

    /** The media worker checks the video on its own (product-video); the submission does not wait for it. */
    private void checkVideo(String station, long mediaId, String key) {
        EngineAsSystem.run(identityService, () -> runtimeService.createProcessInstanceByKey(ProductVideoSteps.PROCESS_KEY)
                .processDefinitionTenantId(station).businessKey(ProductVideoSteps.businessKey(mediaId))
                .setVariables(Variables.createVariables().putValue("sourceKey", key)).execute());
    }

    private void startProcess(Supplier supplier, Submission submission, String productName, ProductCategory category,
                              List<String> sellingPoints, List<String> scriptLines, String reReviewReason) {
        VariableMap variables = Variables.createVariables()
                .putValue("submissionId", submission.id())
                .putValue("productId", submission.productId())
                .putValue("supplierId", supplier.id())
                .putValue("productName", productName)
                .putValue("supplierName", supplier.name())
                .putValue("category", category.name())
                .putValue("evidenceWait", properties.getEvidenceWait().toString())
                .putValue("sellingPoints", String.join("\n", sellingPoints))
                .putValue("scriptLines", String.join("\n", scriptLines));
        String businessKey = "submission-" + submission.id();
        String instanceId = EngineAsSystem.call(identityService, () -> {
            if (reReviewReason == null) {
                return runtimeService.createProcessInstanceByKey(PROCESS_KEY).processDefinitionTenantId(supplier.stationId())
                        .businessKey(businessKey).setVariables(variables).execute().getId();
            }
            variables.putValue("reReviewReason", reReviewReason);
            return runtimeService.createMessageCorrelation(RE_REVIEW_REQUESTED).tenantId(supplier.stationId())
                    .processInstanceBusinessKey(businessKey).setVariables(variables).correlateStartMessage().getId();
        });
        dossier.setProcessInstance(submission.id(), instanceId);
    }
}
