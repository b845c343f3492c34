package io.centralkitchen.processes.station;

import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.routes.platform.PlatformAccount;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station's platform accounts: kept by its administrators, secrets write-only and answered masked, stored in the
 * station's vault, and a changed secret used from the next call on.
 */
@KitchenTest
class PlatformAccountsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StationAccounts accounts;

    @Test
    void administratorsKeepAccountsWhoseSecretsNobodyReadsBack() {
        user("accounts-a-admin", "station-1", KitchenGroups.STATION_ADMINS);
        user("accounts-a-producer", "station-1", KitchenGroups.PRODUCERS);
        String id = "kuaishou-" + UUID.randomUUID().toString().substring(0, 8);
        String token = "ks-token-" + UUID.randomUUID();
        String appSecret = "ks-app-secret-" + UUID.randomUUID();
        TestHttp admin = new TestHttp(port).as("accounts-a-admin", "pw-accounts-a-admin");

        TestHttp.Response saved = admin.putJson("/api/stations/station-1/platform-accounts/" + id, Map.of("kind", "KUAISHOU",
                "baseUrl", "https://open.kuaishou.example", "appKey", "ks-app", "appSecret", appSecret, "accessToken", token,
                "webhookSecret", "ks-hook-" + token, "rateLimit", 5));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(token).doesNotContain(appSecret);
        assertThat(saved.json().path("version").asInt()).isEqualTo(1);
        assertThat(saved.json().path("secrets").size()).isEqualTo(3);
        assertThat(admin.get("/api/stations/station-1/platform-accounts").body()).contains(id).doesNotContain(token);
        assertThat(jdbc.queryForList("select ciphertext from station_secret where station_id = 'station-1' and name like ?",
                String.class, id + ".%")).hasSize(3).noneMatch(c -> c.contains("ks-token"));

        PlatformAccount first = accounts.find("station-1", id).orElseThrow();
        assertThat(first.accessToken()).isEqualTo(token);
        assertThat(first.rateLimit()).isEqualTo(5);

        // a rotated token is used from the next call on; the other secrets are kept
        String rotated = token + "-rotated";
        TestHttp.Response rotation = admin.putJson("/api/stations/station-1/platform-accounts/" + id, Map.of("kind", "KUAISHOU",
                "baseUrl", "https://open.kuaishou.example", "appKey", "ks-app", "accessToken", rotated));
        assertThat(rotation.status()).as(rotation.body()).isEqualTo(200);
        PlatformAccount second = accounts.find("station-1", id).orElseThrow();
        assertThat(second.accessToken()).isEqualTo(rotated);
        assertThat(second.appSecret()).isEqualTo(appSecret);
        assertThat(second.version()).isNotEqualTo(first.version());

        // hostile values are refused in plain words; a producer is not an administrator
        assertThat(admin.putJson("/api/stations/station-1/platform-accounts/" + id, Map.of("kind", "KUAISHOU", "rateLimit",
                1_000_000)).status()).isEqualTo(400);
        assertThat(admin.putJson("/api/stations/station-1/platform-accounts/" + id, Map.of("kind", "KUAISHOU", "baseUrl",
                "file:///etc/passwd")).status()).isEqualTo(400);
        assertThat(admin.putJson("/api/stations/station-1/platform-accounts/Not_An_Id", Map.of("kind", "KUAISHOU")).status())
                .isEqualTo(400);
        assertThat(new TestHttp(port).as("accounts-a-producer", "pw-accounts-a-producer")
                .get("/api/stations/station-1/platform-accounts").status()).isEqualTo(403);

        // deleting the account deletes its secrets
        assertThat(admin.delete("/api/stations/station-1/platform-accounts/" + id).status()).isEqualTo(204);
        assertThat(accounts.find("station-1", id)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from station_secret where station_id = 'station-1' and name like ?",
                Integer.class, id + ".%")).isZero();
        assertThat(admin.get("/api/stations/station-1/platform-accounts/" + id).status()).isEqualTo(404);
    }

    private void user(String id, String station, String group) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setPassword("pw-" + id);
        identityService.saveUser(user);
        identityService.createMembership(id, group);
        identityService.createTenantUserMembership(station, id);
    }
}
