package io.centralkitchen.processes.catalogue;

import org.springframework.context.ApplicationEventPublisher;
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
import java.util.List;
import java.util.Optional;

/**
 * The station's products (table {@code product}) and the pictures and videos suppliers sent with them
 * ({@code product_media}). The only writer of a product's status: pre-selection approves and sends back into review,
 * after-sales suspends, and every change goes through {@link #changeStatus} or {@link #switchStatus}.
 */
@Repository
public class Products {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;


    public Products(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public long insert(String stationId, long supplierId, String name, ProductCategory category, BigDecimal price, String unit,
                       int stockOffered, List<String> sellingPoints, List<String> scriptLines) {
        Timestamp now = now();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into product (station_id, supplier_id, name, category,"
                    + " price, unit, stock_offered, selling_points, script_lines, status, created_at, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"id"});
            Object[] args = {stationId, supplierId, name, category.name(), price, unit, stockOffered, lines(sellingPoints),
                    lines(scriptLines), Product.SUBMITTED, now, now};
            for (int i = 0; i < args.length; i++) {
                insert.setObject(i + 1, args[i]);
            }
            return insert;
        }, keys);
        return keys.getKey().longValue();
    }

    public Optional<Product> find(long productId) {
        return jdbc.query("select * from product where id = ?", PRODUCT, productId).stream().findFirst();
    }

    /** The product if it belongs to {@code stationId}: an id from a request or a variable is looked up, not trusted. */
    public Optional<Product> find(String stationId, long productId) {
        return jdbc.query("select * from product where id = ? and station_id = ?", PRODUCT, productId, stationId).stream().findFirst();
    }

    public Product require(long productId) {
        return find(productId).orElseThrow(() -> new IllegalStateException("Product " + productId + " does not exist"));
    }

    public Product require(String stationId, long productId) {
        return find(stationId, productId).orElseThrow(() -> new IllegalStateException("Station '" + stationId
                + "' has no product " + productId));
    }

    public void changeStatus(long productId, String status, String reason) {
        jdbc.update("update product set status = ?, status_reason = ?, updated_at = ? where id = ?", status, reason, now(), productId);
    }

    /** Moves the product to {@code to} only when it is in {@code from}: of concurrent callers, exactly one wins. */
    public boolean switchStatus(long productId, String from, String to, String reason) {
        return jdbc.update("update product set status = ?, status_reason = ?, updated_at = ? where id = ? and status = ?",
                to, reason, now(), productId, from) == 1;
    }

    /** Takes a product of {@code stationId} out of future shows until it passes pre-selection again. Idempotent. */
    public void suspend(String stationId, long productId, String reason) {
        int updated = jdbc.update("update product set status = ?, status_reason = ?, updated_at = ? where id = ? and station_id = ?",
                Product.SUSPENDED, reason, now(), productId, stationId);
        if (updated != 1) {
            throw new IllegalArgumentException("Product " + productId + " does not exist in station '" + stationId + "'");
        }
    }

    public void setClaims(long productId, List<String> sellingPoints, List<String> scriptLines) {
        jdbc.update("update product set selling_points = ?, script_lines = ?, updated_at = ? where id = ?",
                lines(sellingPoints), lines(scriptLines), now(), productId);
    }

    /**
     * The product is planned for a show on {@code showDate}: it must stay airworthy until then. Whoever keeps it so
     * (pre-selection re-checks its evidence) hears of it through {@link ProductScheduled} in the same transaction; read
     * the product again afterwards to see whether it is still approved.
     */
    public void scheduleForShow(String stationId, long productId, LocalDate showDate) {
        jdbc.update("update product set show_date = ? where id = ? and station_id = ?", Date.valueOf(showDate), productId, stationId);
        events.publishEvent(new ProductScheduled(stationId, productId, showDate));
    }

    /** Records the next show date without telling anyone (for those who react to {@link ProductScheduled}). */
    public void setShowDate(long productId, LocalDate showDate) {
        jdbc.update("update product set show_date = ? where id = ?", showDate == null ? null : Date.valueOf(showDate), productId);
    }

    /** Approved (or suspended) products scheduled for a show on or after {@code from}. */
    public List<Long> scheduledOnOrAfter(LocalDate from) {
        return jdbc.queryForList("select id from product where status in ('APPROVED', 'SUSPENDED') and show_date >= ? order by id",
                Long.class, Date.valueOf(from));
    }

    /** Records a picture or video of the product; returns its id. A video starts out CHECKING. */
    public long addMedia(String stationId, long productId, String objectKey, String fileName, String contentType, long size,
                         String sha256) {
        jdbc.update("insert into product_media (station_id, product_id, object_key, file_name, content_type, size_bytes, sha256,"
                + " created_at, video_state) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", stationId, productId, objectKey, fileName, contentType,
                size, sha256, now(), contentType.startsWith("video/") ? ProductVideos.CHECKING : null);
        return jdbc.queryForObject("select max(id) from product_media where station_id = ? and object_key = ?", Long.class,
                stationId, objectKey);
    }

    private static String lines(List<String> lines) {
        return lines == null || lines.isEmpty() ? null : String.join("\n", lines);
    }

    private static List<String> splitLines(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private static final RowMapper<Product> PRODUCT = (rs, i) -> {
        Date showDate = rs.getDate("show_date");
        return new Product(rs.getLong("id"), rs.getString("station_id"), rs.getLong("supplier_id"), rs.getString("name"),
                ProductCategory.valueOf(rs.getString("category")), rs.getBigDecimal("price"), rs.getString("unit"),
                rs.getInt("stock_offered"), splitLines(rs.getString("selling_points")), splitLines(rs.getString("script_lines")),
                rs.getString("status"), rs.getString("status_reason"), showDate == null ? null : showDate.toLocalDate());
    };
}
