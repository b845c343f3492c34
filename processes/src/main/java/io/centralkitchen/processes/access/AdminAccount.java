package io.centralkitchen.processes.access;

import io.centralkitchen.processes.engine.KitchenProperties;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;

/**
 * The administrator account: {@code KITCHEN_ADMIN_USER} / {@code KITCHEN_ADMIN_PASSWORD}. Without a configured
 * password a random one is generated once, at the first start, printed once to the console and stored hashed by the
 * engine; there is never a built-in default password.
 */
@Component
public class AdminAccount {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identityService;
    private final KitchenProperties properties;


    public AdminAccount(IdentityService identityService, KitchenProperties properties) {
        this.identityService = identityService;
        this.properties = properties;
    }

    public String userId() {
        return properties.getAdmin().getUser();
    }

    public void ensure() {
        String userId = userId();
        String configured = properties.getAdmin().getPassword();
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            boolean generated = configured == null || configured.isEmpty();
            user = identityService.newUser(userId);
            user.setFirstName("Central Kitchen");
            user.setLastName("Administrator");
            String password = generated ? generatePassword() : configured;
            user.setPassword(password);
            identityService.saveUser(user);
            if (generated) {
                announce(userId, password);
            } else {
                log.info("Administrator '{}' created with the configured password", userId);
            }
        } else if (configured != null && !configured.isEmpty() && !identityService.checkPassword(userId, configured)) {
            user.setPassword(configured);
            identityService.saveUser(user);
            log.info("Administrator '{}': password changed to the configured one", userId);
        }
        joinGroup(userId, KitchenGroups.ADMINS);
        // The webapps offer an open "create the first administrator" page while no user is in camunda-admin:
        // membership closes it.
        ensureGroup(Groups.CAMUNDA_ADMIN, "Camunda administrators");
        joinGroup(userId, Groups.CAMUNDA_ADMIN);
    }

    private void joinGroup(String userId, String groupId) {
        if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(userId, groupId);
        }
    }

    private void ensureGroup(String groupId, String name) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identityService.newGroup(groupId);
            group.setName(name);
            group.setType("SYSTEM");
            identityService.saveGroup(group);
        }
    }

    /** Every station's tenant includes the administrator, so their Tasklist shows all stations' work. */
    public void joinStation(String stationId) {
        if (identityService.createUserQuery().userId(userId()).memberOfTenant(stationId).count() == 0) {
            identityService.createTenantUserMembership(stationId, userId());
        }
    }

    private static String generatePassword() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** The only place the generated password ever appears: the console of the first start, not the log files. */
    private static void announce(String userId, String password) {
        log.warn("Administrator '{}' created with a generated password, printed once on the console. "
                + "Set KITCHEN_ADMIN_PASSWORD to choose one.", userId);
        System.out.println();
        System.out.println("=====================================================================");
        System.out.println(" Central Kitchen administrator (shown once, store it now):");
        System.out.println("   user:     " + userId);
        System.out.println("   password: " + password);
        System.out.println("=====================================================================");
        System.out.println();
    }
}
