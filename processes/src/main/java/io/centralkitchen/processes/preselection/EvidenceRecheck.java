package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.catalogue.ProductScheduled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps approved products airworthy: evidence that expires before the show date, or a suspension by after-sales,
 * sends the product back into review automatically. Planning a show schedules its products in the catalogue, which
 * tells this check ({@link ProductScheduled}); {@link EvidenceExpiryJob} repeats it daily for every scheduled product.
 */
@Service
public class EvidenceRecheck {

    private static final Logger log = LoggerFactory.getLogger(EvidenceRecheck.class);

    public enum Outcome {
        /** Every required document is valid on the show date. */
        VALID,
        /** A re-review was started now. */
        RE_REVIEW_STARTED,
        /** A review of the product is already running. */
        ALREADY_IN_REVIEW,
        /** The product was never approved (or was rejected): nothing to re-check. */
        NOT_APPROVED
    }

    private final Dossier dossier;
    private final SupplierRegistry suppliers;
    private final SubmissionService submissions;


    private final Products products;

    public EvidenceRecheck(Dossier dossier, SupplierRegistry suppliers, SubmissionService submissions, Products products) {
        this.products = products;
        this.dossier = dossier;
        this.suppliers = suppliers;
        this.submissions = submissions;
    }

    /** A product was planned for a show: its evidence must be valid on the show date. */
    @EventListener
    public void scheduled(ProductScheduled event) {
        recheckEvidence(event.productId(), event.showDate());
    }

    /** Records the product's show date and re-checks its evidence against it. Idempotent. */
    @Transactional
    public Outcome recheckEvidence(long productId, LocalDate showDate) {
        Product product = products.require(productId);
        products.setShowDate(productId, showDate);
        if (dossier.hasOpenSubmission(productId)) {
            return Outcome.ALREADY_IN_REVIEW;
        }
        String from = product.status();
        String reason;
        if (Product.SUSPENDED.equals(from)) {
            reason = "Suspended: " + (product.statusReason() == null ? "after-sales case" : product.statusReason());
        } else if (Product.APPROVED.equals(from)) {
            Submission approved = dossier.lastApproved(productId).orElse(null);
            if (approved == null) {
                return Outcome.NOT_APPROVED;
            }
            List<EvidenceType> expiring = dossier.missingEvidence(approved, showDate);
            if (expiring.isEmpty()) {
                return Outcome.VALID;
            }
            reason = "Evidence not valid on the show date " + showDate + ": "
                    + expiring.stream().map(Enum::name).collect(Collectors.joining(", "));
        } else {
            return Outcome.NOT_APPROVED;
        }
        // Only one caller (another node's daily job, the show process) moves the product; the others see it in review.
        if (!products.switchStatus(productId, from, Product.IN_REVIEW, reason)) {
            return Outcome.ALREADY_IN_REVIEW;
        }
        long submissionId = submissions.startReReview(suppliers.require(product.supplierId()), products.require(productId), reason);
        log.info("Product {} of station '{}' back in review (submission {}): {}", productId, product.stationId(), submissionId, reason);
        return Outcome.RE_REVIEW_STARTED;
    }
}
