package io.centralkitchen.processes.catalogue;

import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * A supplier's quality record: the score pre-selection reads (0–100) and the events that changed it. After-sales
 * lowers it for quality and misdescription cases; a confirmed severe case suspends the product ({@link Products#suspend})
 * until it is reviewed again. Recording is idempotent by {@code sourceRef} (e.g. {@code after-sales-case:42}), so a retried task or a
 * redelivered event changes the score once.
 */
@Service
public class SupplierQuality {

    public static final int MAX_SCORE = 100;
    public static final int MIN_SCORE = 0;

    private final JdbcTemplate jdbc;
    private final ArchiveLog archive;

    public SupplierQuality(JdbcTemplate jdbc, ArchiveLog archive) {
        this.archive = archive;
        this.jdbc = jdbc;
    }

    public Optional<Integer> score(long supplierId) {
        return jdbc.query("select quality_score from supplier where id = ?", (rs, i) -> rs.getInt(1), supplierId)
                .stream().findFirst();
    }

    /**
     * Applies {@code delta} to the supplier's score (clamped to 0–100) unless an event with the same source was
     * already recorded. Returns true when the score changed now.
     */
    @Transactional
    public boolean record(String stationId, long supplierId, Long productId, int delta, String reason, String sourceRef) {
        // Look first rather than catch a duplicate key: on PostgreSQL a failed statement aborts the surrounding
        // (engine) transaction. Two nodes racing on the same source still meet the unique constraint, and the loser's
        // transaction is retried by the engine, which then finds the event.
        Integer recorded = jdbc.queryForObject("select count(*) from supplier_quality_event where source_ref = ?",
                Integer.class, sourceRef);
        if (recorded != null && recorded > 0) {
            return false;
        }
        jdbc.update("insert into supplier_quality_event (station_id, supplier_id, product_id, delta, reason, source_ref, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                stationId, supplierId, productId, delta, reason, sourceRef, Timestamp.from(Instant.now()));
        int updated = jdbc.update("update supplier set quality_score = greatest(?, least(?, quality_score + ?))"
                + " where id = ? and station_id = ?", MIN_SCORE, MAX_SCORE, delta, supplierId, stationId);
        if (updated != 1) {
            throw new IllegalArgumentException("Supplier " + supplierId + " does not exist in station '" + stationId + "'");
        }
        long eventId = jdbc.queryForObject("select id from supplier_quality_event where source_ref = ?", Long.class, sourceRef);
        archive.row(stationId, productId != null ? ArchiveSubject.product(productId) : ArchiveSubject.supplier(supplierId),
                "SUPPLIER_SCORE_CHANGE", "supplier_quality_event", eventId, null);
        return true;
    }
}
