package io.centralkitchen.processes.station;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The station vault: secrets are set and rotated write-only by a station's administrators, stored encrypted and bound
 * to their station, and a show may name only its own station's secrets.
 */
@KitchenTest
class StationVaultTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StationVault vault;

    @Test
    void stationAdministratorsSetAndRotateSecretsThatNobodyReadsBack() {
        user("vault-a-admin", "station-1", KitchenGroups.STATION_ADMINS);
        user("vault-b-admin", "radio-two", KitchenGroups.STATION_ADMINS);
        user("vault-a-producer", "station-1", KitchenGroups.PRODUCERS);
        String name = "push-" + UUID.randomUUID().toString().substring(0, 8);
        String value = "rtmp://push.example:1935/live/vault-key-" + UUID.randomUUID();
        TestHttp a = new TestHttp(port).as("vault-a-admin", "pw-vault-a-admin");

        TestHttp.Response set = a.putJson("/api/stations/station-1/secrets/" + name, Map.of("kind", "PUSH_URL", "value", value));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).doesNotContain(value).doesNotContain(value.substring(value.lastIndexOf('/') + 1));
        assertThat(set.json().path("masked").asText()).startsWith("rtmp://push.example:1935/…/****");
        String firstFingerprint = set.json().path("fingerprint").asText();
        assertThat(firstFingerprint).hasSize(16);
        assertThat(a.get("/api/stations/station-1/secrets").body()).contains(name).doesNotContain(value);

        String stored = jdbc.queryForObject("select ciphertext from station_secret where station_id = 'station-1' and name = ?",
                String.class, name);
        assertThat(stored).doesNotContain("vault-key");
        assertThat(vault.reveal("station-1", name)).contains(value);

        String rotated = value + "-rotated";
        JsonNode after = a.putJson("/api/stations/station-1/secrets/" + name, Map.of("kind", "PUSH_URL", "value", rotated)).json();
        assertThat(after.path("version").asInt()).isEqualTo(2);
        assertThat(after.path("fingerprint").asText()).isNotEqualTo(firstFingerprint);
        assertThat(vault.reveal("station-1", name)).contains(rotated);

        // another station's administrator, and a producer of the station, get nothing
        TestHttp b = new TestHttp(port).as("vault-b-admin", "pw-vault-b-admin");
        assertThat(b.get("/api/stations/station-1/secrets").status()).isEqualTo(404);
        assertThat(b.putJson("/api/stations/station-1/secrets/" + name, Map.of("kind", "PUSH_URL", "value", "x")).status())
                .isEqualTo(404);
        assertThat(b.delete("/api/stations/station-1/secrets/" + name).status()).isEqualTo(404);
        assertThat(new TestHttp(port).as("vault-a-producer", "pw-vault-a-producer").get("/api/stations/station-1/secrets")
                .status()).isEqualTo(403);
        assertThat(vault.reveal("station-1", name)).contains(rotated);

        // a ciphertext copied to another station does not decrypt there
        jdbc.update("insert into station_secret (station_id, name, kind, ciphertext, key_id, fingerprint, masked, version, set_by,"
                + " set_at) select 'radio-two', name, kind, ciphertext, key_id, fingerprint, masked, version, set_by, set_at"
                + " from station_secret where station_id = 'station-1' and name = ?", name);
        assertThatThrownBy(() -> vault.reveal("radio-two", name)).hasMessageContaining("cannot be decrypted");
        jdbc.update("delete from station_secret where station_id = 'radio-two' and name = ?", name);

        assertThat(a.delete("/api/stations/station-1/secrets/" + name).status()).isEqualTo(204);
        assertThat(vault.exists("station-1", name)).isFalse();
    }

    @Test
    void aShowMayNameOnlyItsOwnStationsSecrets() {
        user("vault-b-producer", "radio-two", KitchenGroups.PRODUCERS);
        String name = "a-only-" + UUID.randomUUID().toString().substring(0, 8);
        vault.set("station-1", name, "PUSH_URL", "rtmp://push.example/live/a-only-key-123456", "test");
        TestHttp b = new TestHttp(port).as("vault-b-producer", "pw-vault-b-producer");
        String airTime = Instant.now().plus(2, ChronoUnit.DAYS).toString();

        TestHttp.Response push = b.postJson("/api/shows", Map.of("stationId", "radio-two", "title", "B's show", "airTime", airTime,
                "ingest", Map.of("mode", "TEST_PATTERN"),
                "destinations", List.of(Map.of("preset", "custom-rtmp", "secretId", name)),
                "slots", List.of(Map.of("productId", 1))));
        assertThat(push.status()).isEqualTo(400);
        assertThat(push.json().path("field").asText()).isEqualTo("destinations[0].secretId");
        assertThat(push.body()).doesNotContain("a-only-key");

        TestHttp.Response ingest = b.postJson("/api/shows", Map.of("stationId", "radio-two", "title", "B's show", "airTime", airTime,
                "ingest", Map.of("mode", "PUBLISH", "keySecretId", name),
                "slots", List.of(Map.of("productId", 1))));
        assertThat(ingest.status()).isEqualTo(400);
        assertThat(ingest.json().path("field").asText()).isEqualTo("ingest.keySecretId");
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
