package io.centralkitchen.processes.preselection;

import java.time.LocalDate;

/** One document of a dossier (table {@code evidence_document}); the file, when there is one, is in storage. */
public record EvidenceDocument(long id, String stationId, long supplierId, Long productId, Long submissionId,
                               EvidenceType type, String number, String issuer, LocalDate validFrom, LocalDate validUntil,
                               String scope, String result, String objectKey, String fileName, String contentType,
                               Long sizeBytes, String sha256, String recordedBy) {

    /** Still valid on {@code day} (documents without an end date, such as business licences of unlimited term, are). */
    public boolean validOn(LocalDate day) {
        return validUntil == null || !validUntil.isBefore(day);
    }
}
