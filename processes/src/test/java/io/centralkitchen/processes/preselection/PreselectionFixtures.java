package io.centralkitchen.processes.preselection;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** People and suppliers of station-1 for the pre-selection tests, created the way staff would create them. */
final class PreselectionFixtures {

    static final String STATION = "station-1";
    static final String REVIEWER_1 = "ps-reviewer-1";
    static final String REVIEWER_2 = "ps-reviewer-2";
    static final String EDITOR = "ps-editor";
    static final String PASSWORD = "preselection-pass";

    private PreselectionFixtures() {
    }

    static void ensureStaff(IdentityService identityService) {
        ensureUser(identityService, REVIEWER_1, KitchenGroups.QUALITY_REVIEWERS);
        ensureUser(identityService, REVIEWER_2, KitchenGroups.QUALITY_REVIEWERS);
        ensureUser(identityService, EDITOR, KitchenGroups.EDITORS);
    }

    /** Registers a supplier with its account through the API, as an administrator; returns the supplier id. */
    static long registerSupplier(int port, String accountUserId, boolean publicWelfare) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("stationId", STATION);
        form.put("name", "Hengshan Tea Co-op " + UUID.randomUUID().toString().substring(0, 6));
        form.put("creditCode", PreselectionClient.creditCode());
        form.put("contactName", "Li Wei");
        form.put("contactPhone", "+86 734 0000000");
        form.put("region", "Hunan");
        form.put("county", "Hengshan");
        form.put("publicWelfare", publicWelfare);
        form.put("accountUserId", accountUserId);
        form.put("accountPassword", PASSWORD);
        TestHttp.Response registered = new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD).postJson("/api/preselection/suppliers", form);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode body = registered.json();
        return body.path("supplierId").asLong();
    }

    private static void ensureUser(IdentityService identityService, String id, String group) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(id, group);
        identityService.createTenantUserMembership(STATION, id);
    }
}
