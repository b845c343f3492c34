package io.centralkitchen.processes.preselection;

import java.time.Instant;
import java.util.List;

/** One pre-selection round of a product (table {@code preselection_submission}). */
public record Submission(long id, String stationId, long supplierId, long productId, String kind, Status status,
                         String statusReason, List<EvidenceType> requiredEvidence, Integer priority,
                         String processInstanceId, String submittedBy, Instant createdAt, Instant updatedAt) {

    public static final String FIRST_SUBMISSION = "SUBMISSION";
    public static final String RE_REVIEW = "RE_REVIEW";

    public enum Status {
        SUBMITTED, WAITING_FOR_EVIDENCE, IN_QUALITY_REVIEW, IN_CLAIMS_REVIEW, AWAITING_APPROVAL, APPROVED, REJECTED;

        public boolean isFinal() {
            return this == APPROVED || this == REJECTED;
        }
    }
}
