package io.centralkitchen.processes.sweep;

import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.station.StationVault;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After every other test of the shared application (it runs last: junit-platform.properties orders classes by
 * {@code @Order}): no secret value — the vaults' secrets of every station, the configured platform credentials and
 * webhook secrets, the stream keys inside push URLs — appears in what the application logged, in any answer or page it
 * served, in a process variable or its history, in an incident, a job's or an external task's error, or in the
 * engine's byte arrays (serialised variables, stack traces).
 */
@KitchenTest
@Order(Integer.MAX_VALUE)
class SecretSweepTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StationVault vault;
    @Autowired
    Environment environment;

    @Test
    void noSecretValueLeftTheVaultAnywhere() {
        Set<String> secrets = secrets();
        assertThat(secrets).as("the sweep has secrets to look for").hasSizeGreaterThan(5);
        String logs = Captured.logs();
        String answers = Captured.answers();
        assertThat(logs).as("the application logged during the tests").isNotEmpty();
        assertThat(answers).as("the application answered during the tests").isNotEmpty();
        List<String> text = new ArrayList<>();
        for (String query : List.of(
                "select text_ || ' ' || coalesce(text2_, '') from act_ru_variable where text_ is not null",
                "select text_ || ' ' || coalesce(text2_, '') from act_hi_varinst where text_ is not null",
                "select text_ || ' ' || coalesce(text2_, '') from act_hi_detail where text_ is not null",
                "select coalesce(incident_msg_, '') from act_ru_incident",
                "select coalesce(incident_msg_, '') from act_hi_incident",
                "select coalesce(exception_msg_, '') from act_ru_job",
                "select coalesce(error_msg_, '') from act_ru_ext_task",
                "select coalesce(error_msg_, '') from act_hi_ext_task_log")) {
            text.addAll(jdbc.queryForList(query, String.class));
        }
        List<String> bytes = jdbc.query("select bytes_ from act_ge_bytearray where bytes_ is not null",
                (rs, i) -> new String(rs.getBytes(1), StandardCharsets.UTF_8));
        for (String secret : secrets) {
            assertThat(logs).as("logs").doesNotContain(secret);
            assertThat(answers).as("answers and pages").doesNotContain(secret);
            assertThat(text).as("variables, history, incidents, errors").noneMatch(t -> t != null && t.contains(secret));
            assertThat(bytes).as("engine byte arrays").noneMatch(b -> b.contains(secret));
        }
    }

    /** Every secret value this application knows: each whole, and the stream key of each URL. */
    private Set<String> secrets() {
        Set<String> values = new LinkedHashSet<>();
        for (Map<String, Object> row : jdbc.queryForList("select station_id, name from station_secret")) {
            vault.reveal((String) row.get("station_id"), (String) row.get("name")).ifPresent(values::add);
        }
        for (String name : List.of("douyin", "kuaishou", "youtube", "show-douyin", "show-bilibili")) {
            for (String field : List.of("access-token", "app-secret", "webhook-secret")) {
                String value = environment.getProperty("kitchen.platforms." + name + "." + field);
                if (value != null && !value.isBlank()) {
                    values.add(value);
                }
            }
        }
        values.add(KitchenTest.TEST_PUSH_URL);
        Set<String> all = new LinkedHashSet<>();
        for (String value : values) {
            all.add(value);
            int slash = value.lastIndexOf('/');
            if (value.contains("://") && slash > 0 && value.length() - slash > 8) {
                all.add(value.substring(slash + 1));
            }
        }
        all.removeIf(v -> v.length() < 8);
        return all;
    }
}
