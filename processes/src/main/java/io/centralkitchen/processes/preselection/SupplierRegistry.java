package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.CreditCode;
import io.centralkitchen.processes.access.EngineAsSystem;
import io.centralkitchen.processes.catalogue.Supplier;
import io.centralkitchen.processes.catalogue.Suppliers;
import io.centralkitchen.processes.api.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * The suppliers of a station and their sign-in accounts. A supplier account is a Camunda user in the
 * {@value #SUPPLIERS_GROUP} group and in the station's tenant, linked to exactly one supplier; it has no rights in the
 * engine and uses only the submission API, where it sees its own supplier's submissions.
 */
@Service
public class SupplierRegistry {

    public static final String SUPPLIERS_GROUP = "suppliers";

    private final Suppliers suppliers;
    private final IdentityService identityService;


    public SupplierRegistry(Suppliers suppliers, IdentityService identityService) {
        this.suppliers = suppliers;
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
        long id = suppliers.insert(new Suppliers.NewSupplier(s.stationId(), s.name().strip(), code, s.contactName(),
                s.contactPhone(), s.contactEmail(), s.region(), s.county(), s.publicWelfare(), s.publicWelfareNote(),
                s.accountUserId()));
        return suppliers.require(id);
    }

    public Optional<Supplier> byAccount(String userId) {
        return suppliers.byAccount(userId);
    }

    public Optional<Supplier> byId(long supplierId) {
        return suppliers.byId(supplierId);
    }

    public Supplier require(long supplierId) {
        return suppliers.require(supplierId);
    }

    private Optional<Supplier> byCreditCode(String stationId, String code) {
        return suppliers.byCreditCode(stationId, code);
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
}
