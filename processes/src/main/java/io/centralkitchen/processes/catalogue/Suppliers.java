package io.centralkitchen.processes.catalogue;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The companies that offer products to a station (table {@code supplier}). */
@Repository
public class Suppliers {

    /** What a station records about a new supplier. */
    public record NewSupplier(String stationId, String name, String creditCode, String contactName, String contactPhone,
                              String contactEmail, String region, String county, boolean publicWelfare,
                              String publicWelfareNote, String accountUserId) {
    }

    private final JdbcTemplate jdbc;


    public Suppliers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(NewSupplier s) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into supplier (station_id, name, credit_code,"
                    + " contact_name, contact_phone, contact_email, region, county, public_welfare, public_welfare_note,"
                    + " account_user_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"id"});
            Object[] args = {s.stationId(), s.name(), s.creditCode(), s.contactName(), s.contactPhone(), s.contactEmail(),
                    s.region(), s.county(), s.publicWelfare(), s.publicWelfareNote(), s.accountUserId(), Timestamp.from(Instant.now())};
            for (int i = 0; i < args.length; i++) {
                insert.setObject(i + 1, args[i]);
            }
            return insert;
        }, key);
        return key.getKey().longValue();
    }

    public Optional<Supplier> byAccount(String userId) {
        return jdbc.query("select * from supplier where account_user_id = ?", SUPPLIER, userId).stream().findFirst();
    }

    public Optional<Supplier> byId(long supplierId) {
        return jdbc.query("select * from supplier where id = ?", SUPPLIER, supplierId).stream().findFirst();
    }

    /** The supplier if it belongs to {@code stationId}. */
    public Optional<Supplier> byId(String stationId, long supplierId) {
        return jdbc.query("select * from supplier where id = ? and station_id = ?", SUPPLIER, supplierId, stationId).stream().findFirst();
    }

    public Supplier require(long supplierId) {
        return byId(supplierId).orElseThrow(() -> new IllegalStateException("Supplier " + supplierId + " does not exist"));
    }

    public Optional<Supplier> byCreditCode(String stationId, String code) {
        return jdbc.query("select * from supplier where station_id = ? and credit_code = ?", SUPPLIER, stationId, code)
                .stream().findFirst();
    }

    private static final RowMapper<Supplier> SUPPLIER = (rs, i) -> new Supplier(rs.getLong("id"), rs.getString("station_id"),
            rs.getString("name"), rs.getString("credit_code"), rs.getString("contact_name"), rs.getString("contact_phone"),
            rs.getString("contact_email"), rs.getString("region"), rs.getString("county"), rs.getBoolean("public_welfare"),
            rs.getString("public_welfare_note"), rs.getInt("quality_score"), rs.getString("account_user_id"));
}
