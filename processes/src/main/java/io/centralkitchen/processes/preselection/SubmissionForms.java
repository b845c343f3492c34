package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.Supplier;
import io.centralkitchen.processes.catalogue.Product;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The shapes of the submission API's requests and answers. */
public final class SubmissionForms {

    private SubmissionForms() {
    }

    @Schema(description = "The product offered (multipart part 'product', Content-Type application/json)")
    public record ProductForm(
            @Schema(description = "Supplier id; only for staff submitting on a supplier's behalf") Long supplierId,
            @Schema(example = "Hengshan black tea, 250 g") String name,
            @Schema(description = "FOOD, FARM_PRODUCE, HEALTH_FOOD, ELECTRICAL or GENERAL", example = "FOOD") String category,
            @Schema(example = "39.90") BigDecimal price,
            @Schema(example = "tin") String unit,
            @Schema(example = "500") Integer stockOffered,
            @Schema(description = "Selling points, one claim each") List<String> sellingPoints,
            @Schema(description = "Lines the host will say on air") List<String> scriptLines) {
    }

    @Schema(description = "One evidence document; 'file' names the uploaded file part (part 'files') that carries it")
    public record EvidenceForm(
            @Schema(example = "FOOD_LICENCE") String type,
            @Schema(example = "SC11243010500123") String number,
            @Schema(example = "Hengyang Market Supervision Bureau") String issuer,
            @Schema(example = "2024-01-01") String validFrom,
            @Schema(example = "2029-01-01") String validUntil,
            @Schema(description = "What it covers, e.g. the registered functions of a health food, comma-separated") String scope,
            @Schema(example = "food-licence.pdf") String file) {
    }

    /** The multipart body of a submission, for the OpenAPI document (the controller reads the parts one by one). */
    @Schema(description = "multipart/form-data body of a submission")
    public record SubmissionUpload(
            @Schema(description = "The product, as JSON") ProductForm product,
            @Schema(description = "The evidence documents, as a JSON array") List<EvidenceForm> evidence,
            @ArraySchema(schema = @Schema(type = "string", format = "binary", description = "PDF, JPEG or PNG; named by an evidence item"))
            List<byte[]> files,
            @ArraySchema(schema = @Schema(type = "string", format = "binary", description = "Product pictures, JPEG or PNG"))
            List<byte[]> media) {
    }

    /** The multipart body of added evidence, for the OpenAPI document. */
    @Schema(description = "multipart/form-data body adding evidence")
    public record EvidenceUpload(
            @Schema(description = "The evidence documents, as a JSON array") List<EvidenceForm> evidence,
            @ArraySchema(schema = @Schema(type = "string", format = "binary")) List<byte[]> files) {
    }

    public record EvidenceView(long id, String type, String number, String issuer, LocalDate validFrom, LocalDate validUntil,
                               String scope, String result, String fileName, String contentType, Long sizeBytes, String sha256,
                               String recordedBy) {
        static EvidenceView of(EvidenceDocument d) {
            return new EvidenceView(d.id(), d.type().name(), d.number(), d.issuer(), d.validFrom(), d.validUntil(), d.scope(),
                    d.result(), d.fileName(), d.contentType(), d.sizeBytes(), d.sha256(), d.recordedBy());
        }
    }

    @Schema(description = "A submission and where it stands")
    public record SubmissionView(long submissionId, long productId, long supplierId, String stationId, String kind,
                                 @Schema(description = "SUBMITTED, WAITING_FOR_EVIDENCE, IN_QUALITY_REVIEW, IN_CLAIMS_REVIEW,"
                                         + " AWAITING_APPROVAL, APPROVED or REJECTED") String status,
                                 String statusReason, List<String> requiredEvidence, List<String> missingEvidence,
                                 String productStatus, List<EvidenceView> evidence,
                                 @Schema(description = "The product's videos and where each stands") List<VideoView> videos,
                                 Instant createdAt, Instant updatedAt) {
    }

    @Schema(description = "A product video: CHECKING, READY (with what it is) or REFUSED (with the reason)")
    public record VideoView(long id, String fileName, String state, String refusal, Double durationSeconds, Integer width,
                            Integer height, String videoCodec, Boolean hasAudio) {
        static VideoView of(io.centralkitchen.processes.catalogue.ProductVideos.Video v) {
            return new VideoView(v.id(), v.fileName(), v.state() == null ? "READY" : v.state(), v.refusal(),
                    v.durationMillis() == null ? null : v.durationMillis() / 1000.0, v.width(), v.height(), v.videoCodec(),
                    v.hasAudio());
        }
    }

    @Schema(description = "Registration of a supplier and its sign-in account (staff only)")
    public record SupplierForm(String stationId, String name, String creditCode, String contactName, String contactPhone,
                               String contactEmail, String region, String county, boolean publicWelfare,
                               String publicWelfareNote, String accountUserId, String accountPassword) {
    }

    public record SupplierView(long supplierId, String stationId, String name, String creditCode, String region, String county,
                               boolean publicWelfare, int qualityScore, String accountUserId) {
        static SupplierView of(Supplier s) {
            return new SupplierView(s.id(), s.stationId(), s.name(), s.creditCode(), s.region(), s.county(), s.publicWelfare(),
                    s.qualityScore(), s.accountUserId());
        }
    }
}
