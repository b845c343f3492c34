package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.platform.EngineAsSystem;
import io.centralkitchen.processes.catalogue.Supplier;
import io.centralkitchen.processes.platform.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.platform.ApiExceptionHandler.InvalidFieldException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The suppliers of a station and their sign-in accounts. A supplier account is a Camunda user in the
 * {@value #SUPPLIERS_GROUP} group and in the station's tenant, linked to exactly one supplier; it has no rights in the
 * engine and uses only the submission API, where it sees its own supplier's submissions.
 */
@Service
public class SupplierRegistry {

    public static final String SUPPLIERS_GROUP = "suppliers";

    private final JdbcTemplate jdbc;
    private final IdentityService identityService;

    public SupplierRegistry(JdbcTemplate jdbc, IdentityService identityService) {
        this.jdbc = jdbc;
        this.identityService = identityService;
    }

    public record NewSupplier(String stationId, String name, String creditCode, String contactName, String contactPhone,
                              String contactEmail, String region, String county, boolean publicWelfare,
                              String publicWelfareNote, String accountUserId, String accountPassword) {
    }

    /** Registers the supplier and creates (or links) its account, in one transaction. */
    @Transactional
    public Supplier register(NewSupplier s) {
        require("name", s.name());
        require("creditCode", s.creditCode());
        String code = s.creditCode().strip().toUpperCase();
        if (!CreditCode.isValid(code)) {
            throw new InvalidFieldException("creditCode", "'" + s.creditCode() + "' is not a valid unified social credit code"
                    + " (18 characters, check character per GB 32100-2015)");
        }
        require("accountUserId", s.accountUserId());
        if (byCreditCode(s.stationId(), code).isPresent()) {
            throw new ConflictException("A supplier with credit code " + code + " is already registered in station '" + s.stationId() + "'");
        }
        if (byAccount(s.accountUserId()).isPresent()) {
            throw new ConflictException("Account '" + s.accountUserId() + "' already belongs to a supplier");
        }
        EngineAsSystem.run(identityService, () -> ensureAccount(s));
        jdbc.update("insert into supplier (station_id, name, credit_code, contact_name, contact_phone, contact_email, region, county,"
                        + " public_welfare, public_welfare_note, account_user_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.stationId(), s.name().strip(), code, s.contactName(), s.contactPhone(), s.contactEmail(), s.region(), s.county(),
                s.publicWelfare(), s.publicWelfareNote(), s.accountUserId(), Timestamp.from(Instant.now()));
        return byAccount(s.accountUserId()).orElseThrow();
    }

    public Optional<Supplier> byAccount(String userId) {
        return jdbc.query("select * from supplier where account_user_id = ?", SUPPLIER, userId).stream().findFirst();
    }

    public Optional<Supplier> byId(long supplierId) {
        return jdbc.query("select * from supplier where id = ?", SUPPLIER, supplierId).stream().findFirst();
    }

    public Supplier require(long supplierId) {
        return byId(supplierId).orElseThrow(() -> new IllegalStateException("Supplier " + supplierId + " does not exist"));
    }

    private Optional<Supplier> byCreditCode(String stationId, String code) {
        return jdbc.query("select * from supplier where station_id = ? and credit_code = ?", SUPPLIER, stationId, code).stream().findFirst();
    }

    private void ensureAccount(NewSupplier s) {
        String userId = s.accountUserId();
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            if (s.accountPassword() == null || s.accountPassword().length() < 8) {
                throw new InvalidFieldException("accountPassword", "A new supplier account needs a password of at least 8 characters");
            }
            User user = identityService.newUser(userId);
            user.setFirstName(s.contactName() == null ? s.name() : s.contactName());
            user.setLastName(s.name());
            user.setEmail(s.contactEmail());
            user.setPassword(s.accountPassword());
            identityService.saveUser(user);
        } else if (identityService.createUserQuery().userId(userId).memberOfGroup(SUPPLIERS_GROUP).count() == 0) {
            // Staff accounts must not double as supplier accounts: a supplier sees only its own submissions.
            throw new InvalidFieldException("accountUserId", "User '" + userId + "' exists and is not a supplier account");
        }
        if (identityService.createUserQuery().userId(userId).memberOfGroup(SUPPLIERS_GROUP).count() == 0) {
            identityService.createMembership(userId, SUPPLIERS_GROUP);
        }
        if (identityService.createUserQuery().userId(userId).memberOfTenant(s.stationId()).count() == 0) {
            identityService.createTenantUserMembership(s.stationId(), userId);
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "Field '" + field + "' must not be empty");
        }
    }

    private static final RowMapper<Supplier> SUPPLIER = (rs, i) -> new Supplier(rs.getLong("id"), rs.getString("station_id"),
            rs.getString("name"), rs.getString("credit_code"), rs.getString("contact_name"), rs.getString("contact_phone"),
            rs.getString("contact_email"), rs.getString("region"), rs.getString("county"), rs.getBoolean("public_welfare"),
            rs.getString("public_welfare_note"), rs.getInt("quality_score"), rs.getString("account_user_id"));
}
