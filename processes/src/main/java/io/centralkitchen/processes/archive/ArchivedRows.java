package io.centralkitchen.processes.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rows the archive refers to rather than copies: records that are never changed once written (a quality reviewer's
 * sign-off, a supplier-score event), re-read whenever the archive is checked or packed. A row's canonical serialisation is
 * a JSON object of all its columns, names in lower case and sorted, values as text ({@code null} kept), so the same row
 * always gives the same bytes. The reference is {@code table#id}.
 */
@Repository
class ArchivedRows {

    /** The tables whose rows are immutable once written and may be archived by reference. */
    static final Set<String> TABLES = Set.of("quality_review", "supplier_quality_event", "live_recording_segment");

    static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());

    private final JdbcTemplate jdbc;

    ArchivedRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String ref(String table, long id) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("Table '" + table + "' is not archived by reference (its rows change): archive a"
                    + " document of it instead");
        }
        return table + "#" + id;
    }

    /** The row's canonical bytes now; empty when the row is gone. */
    Optional<byte[]> read(String ref) {
        int hash = ref.indexOf('#');
        String table = ref.substring(0, hash);
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("Not an archived table: " + table);
        }
        try {
            Map<String, Object> row = jdbc.queryForMap("select * from " + table + " where id = ?", Long.parseLong(ref.substring(hash + 1)));
            return Optional.of(canonical(row));
        } catch (EmptyResultDataAccessException gone) {
            return Optional.empty();
        }
    }

    static byte[] canonical(Map<String, Object> row) {
        Map<String, String> values = new TreeMap<>();
        row.forEach((column, value) -> values.put(column.toLowerCase(), text(value)));
        try {
            return CANONICAL.writeValueAsBytes(new LinkedHashMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A document (a decision, a snapshot of rows that may change later) in canonical JSON: keys sorted at every level. */
    static byte[] canonicalDocument(Map<String, ?> document) {
        try {
            return CANONICAL.writeValueAsBytes(CANONICAL.convertValue(document, Object.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("An archive document must be plain JSON values: " + e.getMessage(), e);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof BigDecimal b) {
            return b.compareTo(BigDecimal.ZERO) == 0 ? "0" : b.stripTrailingZeros().toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return value.toString();
    }
}
