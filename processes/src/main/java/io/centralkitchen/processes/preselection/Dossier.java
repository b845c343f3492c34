package io.centralkitchen.processes.preselection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The pre-selection records of a station: submissions and their evidence documents (products live in the catalogue). */
@Repository
public class Dossier {

    private final JdbcTemplate jdbc;


    public Dossier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---------------------------------------------------------------- submissions

    public long insertSubmission(String stationId, long supplierId, long productId, String kind, String submittedBy, String reason) {
        Timestamp now = now();
        return insert("insert into preselection_submission (station_id, supplier_id, product_id, kind, status, status_reason,"
                        + " submitted_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                stationId, supplierId, productId, kind, Submission.Status.SUBMITTED.name(), reason, submittedBy, now, now);
    }

    public Optional<Submission> submission(long submissionId) {
        return jdbc.query("select * from preselection_submission where id = ?", SUBMISSION, submissionId).stream().findFirst();
    }

    public Submission requireSubmission(long submissionId) {
        return submission(submissionId).orElseThrow(() -> new IllegalStateException("Submission " + submissionId + " does not exist"));
    }

    public List<Submission> submissionsOfSupplier(long supplierId) {
        return jdbc.query("select * from preselection_submission where supplier_id = ? order by id desc", SUBMISSION, supplierId);
    }

    public List<Submission> submissionsOfStations(List<String> stationIds, boolean all) {
        if (all) {
            return jdbc.query("select * from preselection_submission order by id desc", SUBMISSION);
        }
        if (stationIds.isEmpty()) {
            return List.of();
        }
        String marks = stationIds.stream().map(s -> "?").collect(Collectors.joining(", "));
        return jdbc.query("select * from preselection_submission where station_id in (" + marks + ") order by id desc",
                SUBMISSION, stationIds.toArray());
    }

    public void setStatus(long submissionId, Submission.Status status, String reason) {
        jdbc.update("update preselection_submission set status = ?, status_reason = ?, updated_at = ? where id = ?",
                status.name(), reason, now(), submissionId);
    }

    public void setEligibility(long submissionId, List<EvidenceType> required, Integer priority) {
        jdbc.update("update preselection_submission set required_evidence = ?, priority = ?, updated_at = ? where id = ?",
                required.stream().map(Enum::name).collect(Collectors.joining(",")), priority, now(), submissionId);
    }

    public void setProcessInstance(long submissionId, String processInstanceId) {
        jdbc.update("update preselection_submission set process_instance_id = ? where id = ?", processInstanceId, submissionId);
    }

    /** The last approved submission of a product: its required evidence is what the product must keep valid. */
    public Optional<Submission> lastApproved(long productId) {
        return jdbc.query("select * from preselection_submission where product_id = ? and status = 'APPROVED' order by id desc",
                SUBMISSION, productId).stream().findFirst();
    }

    public boolean hasOpenSubmission(long productId) {
        Integer open = jdbc.queryForObject("select count(*) from preselection_submission where product_id = ?"
                + " and status not in ('APPROVED', 'REJECTED')", Integer.class, productId);
        return open != null && open > 0;
    }

    // ---------------------------------------------------------------- evidence

    public long insertEvidence(String stationId, long supplierId, Long productId, Long submissionId, EvidenceType type,
                               String number, String issuer, LocalDate validFrom, LocalDate validUntil, String scope,
                               String result, String recordedBy) {
        return insert("insert into evidence_document (station_id, supplier_id, product_id, submission_id, type, doc_number, issuer,"
                        + " valid_from, valid_until, scope, result, recorded_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                stationId, supplierId, productId, submissionId, type.name(), number, issuer, date(validFrom), date(validUntil),
                scope, result, recordedBy, now());
    }

    public void setEvidenceFile(long evidenceId, String objectKey, String fileName, String contentType, long size, String sha256) {
        jdbc.update("update evidence_document set object_key = ?, file_name = ?, content_type = ?, size_bytes = ?, sha256 = ? where id = ?",
                objectKey, fileName, contentType, size, sha256, evidenceId);
    }

    /** The product's documents and the supplier's company-wide ones (business licence), newest first. */
    public List<EvidenceDocument> evidenceFor(long supplierId, long productId) {
        return jdbc.query("select * from evidence_document where product_id = ? or (supplier_id = ? and type = ?) order by id desc",
                EVIDENCE, productId, supplierId, EvidenceType.BUSINESS_LICENCE.name());
    }

    public Optional<EvidenceDocument> evidence(long evidenceId) {
        return jdbc.query("select * from evidence_document where id = ?", EVIDENCE, evidenceId).stream().findFirst();
    }

    public List<EvidenceDocument> evidenceOfSubmission(long submissionId) {
        return jdbc.query("select * from evidence_document where submission_id = ? order by id", EVIDENCE, submissionId);
    }

    /** Required evidence types without a document valid on {@code day}, in the order the decision listed them. */
    public List<EvidenceType> missingEvidence(Submission submission, LocalDate day) {
        Set<EvidenceType> valid = EnumSet.noneOf(EvidenceType.class);
        for (EvidenceDocument doc : evidenceFor(submission.supplierId(), submission.productId())) {
            if (doc.validOn(day)) {
                valid.add(doc.type());
            }
        }
        return submission.requiredEvidence().stream().filter(t -> !valid.contains(t)).toList();
    }

    // ---------------------------------------------------------------- mapping

    private long insert(String sql, Object... args) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql, new String[]{"id"});
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement;
        }, keys);
        Number id = keys.getKey();
        if (id == null) {
            throw new IllegalStateException("No id generated by: " + sql);
        }
        return id.longValue();
    }

    static String lines(List<String> lines) {
        return lines == null || lines.isEmpty() ? null : String.join("\n", lines);
    }

    static List<String> splitLines(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static final RowMapper<Submission> SUBMISSION = (rs, i) -> {
        String required = rs.getString("required_evidence");
        List<EvidenceType> types = required == null || required.isBlank() ? List.of()
                : Arrays.stream(required.split(",")).map(EvidenceType::valueOf).toList();
        int priority = rs.getInt("priority");
        return new Submission(rs.getLong("id"), rs.getString("station_id"), rs.getLong("supplier_id"), rs.getLong("product_id"),
                rs.getString("kind"), Submission.Status.valueOf(rs.getString("status")), rs.getString("status_reason"), types,
                rs.wasNull() ? null : priority, rs.getString("process_instance_id"), rs.getString("submitted_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    };

    private static final RowMapper<EvidenceDocument> EVIDENCE = (rs, i) -> {
        long productId = rs.getLong("product_id");
        Long product = rs.wasNull() ? null : productId;
        long submissionId = rs.getLong("submission_id");
        Long submission = rs.wasNull() ? null : submissionId;
        long size = rs.getLong("size_bytes");
        Long sizeBytes = rs.wasNull() ? null : size;
        return new EvidenceDocument(rs.getLong("id"), rs.getString("station_id"), rs.getLong("supplier_id"), product, submission,
                EvidenceType.valueOf(rs.getString("type")), rs.getString("doc_number"), rs.getString("issuer"),
                localDate(rs.getDate("valid_from")), localDate(rs.getDate("valid_until")), rs.getString("scope"),
                rs.getString("result"), rs.getString("object_key"), rs.getString("file_name"), rs.getString("content_type"),
                sizeBytes, rs.getString("sha256"), rs.getString("recorded_by"));
    };
}
