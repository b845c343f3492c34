package io.centralkitchen.processes.aftersales;

import java.util.TreeMap;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The {@code after_sales_case} rows: what people and reports read about a case; the process drives the changes. */
@Service
public class AfterSalesCases {

    public static final String PROCESS_KEY = "after-sales-case";

    public record NewCase(String stationId, String caseRef, String platform, String origin, String ticketId, String orderId,
                          Long productId, Long supplierId, String reasonCode, String description, BigDecimal orderAmount) {
    }

    /** What identifies a case and whom it concerns: read from its row, never from process variables. */
    public record Case(long id, String stationId, String caseRef, String platform, String ticketId, String orderId,
                       Long productId, Long supplierId) {
    }

    private final JdbcTemplate jdbc;
    private final ArchiveLog archive;

    public AfterSalesCases(JdbcTemplate jdbc, ArchiveLog archive) {
        this.archive = archive;
        this.jdbc = jdbc;
    }

    public long open(NewCase c) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement s = connection.prepareStatement("insert into after_sales_case (station_id, case_ref, platform, origin,"
                    + " ticket_id, order_id, product_id, supplier_id, reason_code, description, order_amount, state, customer_updates,"
                    + " opened_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 0, ?)", Statement.RETURN_GENERATED_KEYS);
            s.setString(1, c.stationId());
            s.setString(2, c.caseRef());
            s.setString(3, c.platform());
            s.setString(4, c.origin());
            s.setString(5, c.ticketId());
            s.setString(6, c.orderId());
            s.setObject(7, c.productId());
            s.setObject(8, c.supplierId());
            s.setString(9, c.reasonCode());
            s.setString(10, c.description());
            s.setBigDecimal(11, c.orderAmount());
            s.setTimestamp(12, Timestamp.from(Instant.now()));
            return s;
        }, key);
        Map<String, Object> keys = key.getKeys();
        Object id = keys != null && keys.size() > 1 ? keys.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("id")).findFirst().orElseThrow().getValue() : key.getKey();
        long caseId = ((Number) id).longValue();
        if (c.productId() != null) {
            archive.link(c.stationId(), ArchiveSubject.afterSalesCase(c.caseRef()), ArchiveSubject.product(c.productId()), null);
        }
        archive(caseId, "CASE_OPENED");
        return caseId;
    }

    /** The case as it is now, in its archive: each step of it is kept, not only the last. */
    private void archive(long caseId, String kind) {
        Map<String, Object> row = jdbc.queryForMap("select * from after_sales_case where id = ?", caseId);
        Map<String, Object> snapshot = new TreeMap<>();
        row.forEach((column, value) -> snapshot.put(column.toLowerCase(), value == null ? null : value.toString()));
        archive.document((String) snapshot.get("station_id"), ArchiveSubject.afterSalesCase((String) snapshot.get("case_ref")), kind,
                snapshot, null);
    }

    public Optional<String> state(String stationId, String caseRef) {
        return jdbc.queryForList("select state from after_sales_case where station_id = ? and case_ref = ?", String.class,
                stationId, caseRef).stream().findFirst();
    }

    public boolean existsForOrder(String stationId, String platform, String orderId) {
        Integer n = jdbc.queryForObject("select count(*) from after_sales_case where station_id = ? and platform = ? and order_id = ?",
                Integer.class, stationId, platform, orderId);
        return n != null && n > 0;
    }

    public Optional<Long> supplierOf(String stationId, Long productId) {
        if (productId == null) {
            return Optional.empty();
        }
        return jdbc.queryForList("select supplier_id from product where id = ? and station_id = ?", Long.class, productId, stationId)
                .stream().findFirst();
    }

    public void routed(long caseId, String category, String priority) {
        jdbc.update("update after_sales_case set category = ?, priority = ? where id = ?", category, priority, caseId);
        archive(caseId, "CASE_ROUTED");
    }

    public void escalated(long caseId) {
        jdbc.update("update after_sales_case set state = 'ESCALATED' where id = ? and state = 'OPEN'", caseId);
        archive(caseId, "CASE_ESCALATED");
    }

    public void resolved(long caseId, String resolution, String note, BigDecimal refundAmount, boolean confirmed, boolean severe) {
        jdbc.update("update after_sales_case set state = 'RESOLVED', resolution = ?, resolution_note = ?, refund_amount = ?,"
                        + " confirmed = ?, severe = ?, resolved_at = ? where id = ?",
                resolution, note, refundAmount, confirmed, severe, Timestamp.from(Instant.now()), caseId);
        archive(caseId, "CASE_OUTCOME");
    }

    public void platformReference(long caseId, String reference) {
        jdbc.update("update after_sales_case set platform_reference = ? where id = ?", reference, caseId);
    }

    public void customerUpdate(long caseId) {
        jdbc.update("update after_sales_case set customer_updates = customer_updates + 1 where id = ?", caseId);
    }

    /** A customer update for a case whose process has ended: counted on the row directly. */
    public void customerUpdate(String stationId, String caseRef) {
        jdbc.update("update after_sales_case set customer_updates = customer_updates + 1 where station_id = ? and case_ref = ?",
                stationId, caseRef);
    }

    public void closed(long caseId, Integer satisfactionScore, String remark) {
        jdbc.update("update after_sales_case set state = 'CLOSED', satisfaction_score = ?, satisfaction_remark = ?, closed_at = ?"
                + " where id = ?", satisfactionScore, remark, Timestamp.from(Instant.now()), caseId);
        archive(caseId, "CASE_CLOSED");
    }

    /** A survey answer that came after the case closed without one. */
    public void lateSatisfaction(String stationId, String caseRef, int score, String remark) {
        jdbc.update("update after_sales_case set satisfaction_score = ?, satisfaction_remark = ? where station_id = ? and case_ref = ?"
                + " and satisfaction_score is null", score, remark, stationId, caseRef);
    }

    public Map<String, Object> row(String stationId, String caseRef) {
        return jdbc.queryForMap("select * from after_sales_case where station_id = ? and case_ref = ?", stationId, caseRef);
    }

    /** The case of a station by its reference (the after-sales process's business key); refused when it is not there. */
    public Case require(String stationId, String caseRef) {
        return jdbc.query("select id, station_id, case_ref, platform, ticket_id, order_id, product_id, supplier_id"
                        + " from after_sales_case where station_id = ? and case_ref = ?",
                (rs, n) -> new Case(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), (Long) rs.getObject(7, Long.class), (Long) rs.getObject(8, Long.class)),
                stationId, caseRef).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("Station '" + stationId + "' has no after-sales case '" + caseRef + "'"));
    }
}
