package io.centralkitchen.processes;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.access.KitchenGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform on its embedded defaults (H2 file database, embedded S3), over real HTTP. */
@KitchenTest
class PlatformTest {

    static final String ADMIN_PASSWORD = KitchenTest.ADMIN_PASSWORD;

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    RepositoryService repositoryService;

    @Autowired
    io.centralkitchen.processes.access.AccessBootstrap accessBootstrap;

    TestHttp http() {
        return new TestHttp(port);
    }

    @Test
    void healthReportsEngineDatabaseAndObjectStore() {
        JsonNode anonymous = http().get("/actuator/health").json();
        assertThat(anonymous.path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.has("components")).as("anonymous callers see no components").isFalse();
        assertThat(http().get("/actuator/prometheus").status()).isEqualTo(401);
        JsonNode health = http().as("admin", KitchenTest.ADMIN_PASSWORD).get("/actuator/health").json();

        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("processEngine").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("objectStore").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void webappsAnswer() {
        assertThat(http().get("/camunda/app/tasklist/default/").status()).isEqualTo(200);
        assertThat(http().get("/camunda/app/cockpit/default/").status()).isEqualTo(200);
        assertThat(http().get("/camunda/app/admin/default/").status()).isEqualTo(200);
    }

    @Test
    void engineRestRequiresAuthentication() {
        assertThat(http().get("/engine-rest/process-definition").status()).isEqualTo(401);
        // (a wrong password for a real user would lock that user for a few seconds: brute-force protection)
        assertThat(http().as("nobody", "wrong-password").get("/engine-rest/process-definition").status()).isEqualTo(401);
        assertThat(http().as("admin", ADMIN_PASSWORD).get("/engine-rest/process-definition").status()).isEqualTo(200);
        assertThat(http().get("/api/stations").status()).isEqualTo(401);
    }

    @Test
    void theWebappsOfferNoOpenAdministratorSetup() {
        TestHttp anonymous = http();
        anonymous.get("/camunda/app/admin/default/");

        TestHttp.Response setup = anonymous.postJson("/camunda/api/admin/setup/default/user/create",
                Map.of("profile", Map.of("id", "intruder"), "credentials", Map.of("password", "intruder-pass")));

        assertThat(setup.status()).isEqualTo(403);
        assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
    }

    @Test
    void adminLogsInToTasklist() {
        TestHttp browser = http();
        browser.loginToTasklist("admin", ADMIN_PASSWORD);

        assertThat(browser.get("/camunda/api/admin/auth/user/default").json().path("userId").asText()).isEqualTo("admin");
    }

    @Test
    void groupsExistFromTheFirstStart() {
        assertThat(identityService.createGroupQuery().list()).extracting(g -> g.getId())
                .containsAll(KitchenGroups.ALL);
        assertThat(identityService.createUserQuery().userId("admin").memberOfGroup("admins").count()).isEqualTo(1);
    }

    @Test
    void everyDeploymentBelongsToAStationAndConfiguredStationsExist() {
        assertThat(repositoryService.createDeploymentQuery().withoutTenantId().count()).isZero();
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("kitchen-smoke")
                .tenantIdIn("station-1", "radio-two").count()).isEqualTo(2);
        assertThat(identityService.createTenantQuery().tenantId("radio-two").singleResult().getName()).isEqualTo("Radio Two");
    }

    @Test
    void aTrivialProcessDeploysAndRunsThroughTheRestApi() {
        TestHttp admin = http().as("admin", ADMIN_PASSWORD);

        TestHttp.Response started = admin.postJson("/engine-rest/process-definition/key/kitchen-smoke/tenant-id/station-1/start",
                Map.of("businessKey", "smoke-rest"));
        assertThat(started.status()).isEqualTo(200);
        String instanceId = started.json().path("id").asText();
        JsonNode tasks = admin.get("/engine-rest/task?processInstanceId=" + instanceId).json();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("name").asText()).isEqualTo("Check the dish");
        assertThat(tasks.get(0).path("tenantId").asText()).isEqualTo("station-1");

        TestHttp.Response completed = admin.postJson("/engine-rest/task/" + tasks.get(0).path("id").asText() + "/complete", Map.of());
        assertThat(completed.status()).isEqualTo(204);
        JsonNode history = admin.get("/engine-rest/history/process-instance/" + instanceId).json();
        assertThat(history.path("state").asText()).isEqualTo("COMPLETED");
        JsonNode prepared = admin.get("/engine-rest/history/variable-instance?processInstanceId=" + instanceId + "&variableName=prepared").json();
        assertThat(prepared.get(0).path("value").asBoolean()).isTrue();
    }

    @Test
    void aUserOfOneStationSeesNothingOfAnother() {
        TestHttp admin = http().as("admin", ADMIN_PASSWORD);
        TestHttp.Response created = admin.postJson("/api/stations", Map.of("id", "station-b", "name", "Station B"));
        assertThat(created.status()).isIn(201);
        createUser("alice", "station-1", KitchenGroups.EDITORS);
        createUser("bob", "station-b", KitchenGroups.EDITORS);
        // editors read instances of their own work only: this test model is theirs here
        accessBootstrap.grant(KitchenGroups.EDITORS, org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION,
                "kitchen-smoke", org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE);
        ProcessInstance inA = start("station-1", "isolation-a");
        ProcessInstance inB = start("station-b", "isolation-b");
        String taskOfA = admin.get("/engine-rest/task?processInstanceId=" + inA.getId()).json().get(0).path("id").asText();

        TestHttp bob = http().as("bob", "bob-password");
        assertThat(ids(bob.get("/engine-rest/process-instance?processDefinitionKey=kitchen-smoke").json()))
                .contains(inB.getId()).doesNotContain(inA.getId());
        assertThat(tenants(bob.get("/engine-rest/task").json())).containsOnly("station-b");
        assertThat(bob.get("/engine-rest/task/" + taskOfA).status()).isEqualTo(404);
        TestHttp.Response completeForeign = bob.postJson("/engine-rest/task/" + taskOfA + "/complete", Map.of());
        assertThat(completeForeign.status()).as("another station's task is not found").isEqualTo(404);
        assertThat(completeForeign.body()).doesNotContain(taskOfA).doesNotContain("station-1");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(inA.getId()).count()).isEqualTo(1);
        assertThat(bob.get("/api/stations").json()).extracting(s -> s.path("id").asText()).containsExactly("station-b");

        TestHttp alice = http().as("alice", "alice-password");
        assertThat(tenants(alice.get("/engine-rest/task").json())).containsOnly("station-1");

        TestHttp bobInTasklist = http();
        bobInTasklist.loginToTasklist("bob", "bob-password");
        JsonNode tasklistTasks = bobInTasklist.get("/camunda/api/engine/engine/default/task").json();
        assertThat(tenants(tasklistTasks)).containsOnly("station-b");
        assertThat(ids(tasklistTasks)).doesNotContain(taskOfA);
        String taskOfB = tasklistTasks.get(0).path("id").asText();
        TestHttp.Response claimed = bobInTasklist.postJson("/camunda/api/engine/engine/default/task/" + taskOfB + "/claim",
                Map.of("userId", "bob"));
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);
        assertThat(bobInTasklist.postJson("/camunda/api/engine/engine/default/task/" + taskOfA + "/claim",
                Map.of("userId", "bob")).status()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void onlyAdministratorsAddStationsAndBadIdsAreRefused() {
        createUser("carol", "station-1", KitchenGroups.PRODUCERS);

        assertThat(http().as("carol", "carol-password").postJson("/api/stations", Map.of("id", "rogue", "name", "Rogue")).status())
                .isEqualTo(403);
        TestHttp.Response bad = http().as("admin", ADMIN_PASSWORD).postJson("/api/stations", Map.of("id", "Bad Id!", "name", "x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("message").asText()).contains("Station id 'Bad Id!' is not valid");
        assertThat(identityService.createTenantQuery().tenantId("rogue").count()).isZero();
    }

    private ProcessInstance start(String station, String businessKey) {
        return runtimeService.createProcessInstanceByKey("kitchen-smoke").processDefinitionTenantId(station)
                .businessKey(businessKey).execute();
    }

    private void createUser(String id, String station, String group) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setPassword(id + "-password");
        identityService.saveUser(user);
        identityService.createMembership(id, group);
        identityService.createTenantUserMembership(station, id);
    }

    private static List<String> ids(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(n -> n.path("id").asText()).toList();
    }

    private static List<String> tenants(JsonNode array) {
        assertThat(array.isArray() && !array.isEmpty()).as("expected a non-empty list, got %s", array).isTrue();
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(n -> n.path("tenantId").asText()).toList();
    }
}
