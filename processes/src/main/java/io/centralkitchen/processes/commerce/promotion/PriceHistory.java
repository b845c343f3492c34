package io.centralkitchen.processes.commerce.promotion;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every price a product was offered or sold at, with its time: the prices of slots on air, flash sales and promotions
 * ({@code product_price}), and the unit prices of the platforms' orders ({@code platform_order}). A "reduced" price is
 * measured against the lowest of them over the previous days.
 */
@Repository
public class PriceHistory {

    /** The lowest price since a time: how much, when, and where it came from (SLOT, FLASH_SALE, PROMOTION, ORDER). */
    public record Lowest(BigDecimal price, Instant at, String source) {
    }

    private final JdbcTemplate jdbc;

    public PriceHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String stationId, long productId, BigDecimal price, String source, String ref, Instant at) {
        jdbc.update("insert into product_price (station_id, product_id, price, source, ref, offered_at) values (?,?,?,?,?,?)",
                stationId, productId, price, source, ref, Timestamp.from(at));
    }

    public Optional<Lowest> lowest(String stationId, long productId, Instant since) {
        List<Lowest> offered = jdbc.query("select price, offered_at, source from product_price where station_id = ? and product_id = ?"
                        + " and offered_at >= ? order by price, offered_at desc fetch first 1 rows only",
                (rs, i) -> new Lowest(rs.getBigDecimal(1), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                stationId, productId, Timestamp.from(since));
        List<Lowest> sold = jdbc.query("select amount, quantity, created_at from platform_order where station_id = ? and product_id = ?"
                        + " and created_at >= ? order by amount / (case when quantity is null or quantity < 1 then 1 else quantity end),"
                        + " created_at desc fetch first 1 rows only", (rs, i) -> {
                    int quantity = Math.max(1, rs.getObject(2) == null ? 1 : rs.getInt(2));
                    return new Lowest(rs.getBigDecimal(1).divide(BigDecimal.valueOf(quantity), 2, java.math.RoundingMode.HALF_UP),
                            rs.getTimestamp(3).toInstant(), "ORDER");
                }, stationId, productId, Timestamp.from(since));
        return Stream.concat(offered.stream(), sold.stream()).min(Comparator.comparing(Lowest::price));
    }
}
