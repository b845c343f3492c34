package io.centralkitchen.processes;

import io.centralkitchen.storage.MediaStore;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh installation with no configured admin password, started twice on the same data directory, the way the
 * README's run command is used.
 */
@Tag("own-application")
@ExtendWith(OutputCaptureExtension.class)
class FirstStartAndRestartTest {

    private static final Pattern PRINTED_PASSWORD = Pattern.compile("password: (\\S+)");

    @Test
    void generatedPasswordIsPrintedOnceStoredHashedAndEverythingSurvivesARestart(CapturedOutput output) {
        Path dataDir = Path.of("target/test-data/first-start-" + UUID.randomUUID());
        String instanceId;
        String password;

        try (ConfigurableApplicationContext first = start(dataDir)) {
            Matcher printed = PRINTED_PASSWORD.matcher(output.getOut());
            assertThat(printed.find()).as("the generated password is printed at the first start").isTrue();
            password = printed.group(1);
            assertThat(printed.find()).as("printed once").isFalse();
            TestHttp http = new TestHttp(port(first)).as("admin", password);
            assertThat(http.get("/engine-rest/process-definition").status()).isEqualTo(200);
            String storedHash = first.getBean(JdbcTemplate.class)
                    .queryForObject("select PWD_ from ACT_ID_USER where ID_ = 'admin'", String.class);
            assertThat(storedHash).doesNotContain(password).startsWith("{SHA-512}");

            instanceId = first.getBean(RuntimeService.class).createProcessInstanceByKey("kitchen-smoke")
                    .processDefinitionTenantId("station-1").businessKey("survives-restart").execute().getId();
            first.getBean(MediaStore.class).put("station-1/restart/proof.txt", "kept".getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        int outputBeforeRestart = output.getOut().length();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            assertThat(output.getOut().substring(outputBeforeRestart)).doesNotContain("password:");
            assertThat(new TestHttp(port(second)).as("admin", password).get("/engine-rest/process-definition").status()).isEqualTo(200);
            assertThat(second.getBean(RuntimeService.class).createProcessInstanceQuery().processInstanceId(instanceId).count()).isEqualTo(1);
            assertThat(Path.of(dataDir + "/db")).isDirectory();
            assertThat(second.getBean(MediaStore.class).verify("station-1/restart/proof.txt").size()).isEqualTo(4);
            assertThat(second.getBean(IdentityService.class).createTenantQuery().tenantId("station-1").count()).isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        // Command-line arguments, as the README's run command would take them (they override application.yml).
        return new SpringApplicationBuilder(CentralKitchenApplication.class)
                // Two applications one after the other in one JVM share Camunda's static engine registry: the second
                // one's REST API may never answer the media worker's open long poll, holding its shutdown for 20 s.
                .run("--server.port=0", "--kitchen.data-dir=" + dataDir, "--kitchen.admin.password=",
                        "--kitchen.media.worker.enabled=false");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
