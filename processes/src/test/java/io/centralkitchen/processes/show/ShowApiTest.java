package io.centralkitchen.processes.show;

import io.centralkitchen.processes.catalogue.Products;
import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.aftersales.TestPlatforms;
import io.centralkitchen.processes.catalogue.ProductCategory;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.demo.DemoCatalogue;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The show API and Tasklist forms on the whole platform: bad plans refused at the edge with the field named and nothing
 * stored; a show planned from Tasklist's start form; the rundown changed in its task; an unknown show's reservations
 * refused; and live, a destination that cannot be reached failing the pre-flight, going live anyway, and its alarm
 * handled by the producer, who takes it off the show — with its stream key never shown.
 */
@KitchenTest
class ShowApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    Products productRows;

    static final String STATION = "station-1";
    static final String PASSWORD = "show-api-pass";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LiveEngine live;
    @Autowired
    DemoCatalogue catalogue;
    @Autowired
    Dossier dossier;

    final String run = UUID.randomUUID().toString().substring(0, 6);
    TestHttp producer;
    List<Long> products;

    @BeforeEach
    void producerAndProducts() throws Exception {
        user("api-producer", KitchenGroups.PRODUCERS);
        user("api-editor", KitchenGroups.EDITORS);
        producer = new TestHttp(port).as("api-producer", PASSWORD);
        products = catalogue.seed(STATION, "Api Co-op " + run, "Youxian", DemoCatalogue.HARVEST.subList(0, 2),
                Path.of(System.getProperty("java.io.tmpdir"), "api-catalogue"));
    }

    Map<String, Object> plan(String id) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("id", id);
        plan.put("stationId", STATION);
        plan.put("title", "Api show " + run);
        plan.put("airTime", Instant.now().plus(Duration.ofDays(1)).toString());
        plan.put("ingest", Map.of("mode", "TEST_PATTERN"));
        plan.put("destinations", List.of(Map.of("id", "douyin-main", "preset", "test-sd", "secretId", "showdouyin", "platform", "show-douyin")));
        plan.put("slots", List.of(Map.of("productId", products.get(0)), Map.of("productId", products.get(1))));
        return plan;
    }

    JsonNode refused(Map<String, Object> plan, String field, String message) {
        TestHttp.Response answer = producer.postJson("/api/shows", plan);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().path("field").asText()).isEqualTo(field);
        assertThat(answer.json().path("message").asText()).contains(message);
        return answer.json();
    }

    @Test
    void badPlansAreRefusedNamingTheFieldAndNothingIsStored() {
        String id = "api-bad-" + run;
        assertThat(new TestHttp(port).as("api-editor", PASSWORD).postJson("/api/shows", plan(id)).status()).isEqualTo(403);
        Map<String, Object> p = plan(id);
        p.remove("stationId");
        refused(p, "stationId", "Name the station");
        p = plan(id);
        p.put("airTime", "tomorrow evening");
        refused(p, "airTime", "not an ISO-8601 time");
        p = plan(id);
        p.put("destinations", List.of(Map.of("preset", "myspace")));
        refused(p, "destinations[0].preset", "known presets: bilibili, custom-rtmp");
        p = plan(id);
        p.put("destinations", List.of(Map.of("preset", "douyin")));
        refused(p, "destinations[0].secretId", "PUT /api/stations/station-1/secrets/douyin");
        long supplier = jdbc.queryForObject("select supplier_id from product where id = ?", Long.class, products.get(0));
        long unapproved = productRows.insert(STATION, supplier, "Unreviewed pickles", ProductCategory.FOOD,
                new java.math.BigDecimal("12.00"), "jar", 10, List.of(), List.of());
        p = plan(id);
        p.put("slots", List.of(Map.of("productId", products.get(0)), Map.of("productId", 999_999_999)));
        refused(p, "slots[1].productId", "has no product 999999999");
        p.put("slots", List.of(Map.of("productId", unapproved)));
        refused(p, "slots[0].productId", "is SUBMITTED: only products approved in pre-selection go on air");
        p = plan(id);
        p.put("slots", List.of(Map.of("productId", products.get(0), "flashSale", Map.of("price", 99.0))));
        refused(p, "slots[0].flashSale.price", "below the slot's price");

        assertThat(jdbc.queryForObject("select count(*) from kitchen_show where id = ?", Integer.class, id)).isZero();
        assertThat(producer.postJson("/api/shows", plan(id)).status()).isEqualTo(201);
        refused(plan(id), "id", "There is already a show");
    }

    @Test
    void aShowPlannedFromTasklistsStartFormAndItsRundownChangedInItsTask() {
        String id = "api-form-" + run;
        Map<String, Object> form = new HashMap<>();
        form.put("showTitle", Map.of("value", "Form show " + run));
        form.put("showId", Map.of("value", id));
        form.put("airTime", Map.of("value", Instant.now().plus(Duration.ofDays(1)).atOffset(java.time.ZoneOffset.ofHours(8))
                .toLocalDateTime().withSecond(0).withNano(0) + "+08:00"));
        form.put("destinations", Map.of("value", "test-sd"));
        form.put("ingestMode", Map.of("value", "TEST_PATTERN"));
        form.put("products", Map.of("value", products.get(0) + ", abc"));
        form.put("slotMinutes", Map.of("value", 4));
        TestHttp.Response bad = producer.postJson("/engine-rest/process-definition/key/show/tenant-id/" + STATION + "/submit-form",
                Map.of("variables", form));
        // the engine's REST API answers a refused start with 500 and the reason, which Tasklist shows on the form
        assertThat(bad.status()).isIn(400, 500);
        assertThat(bad.json().path("message").asText()).contains("Products in air order: 'abc' is not a product id");
        assertThat(jdbc.queryForObject("select count(*) from kitchen_show where id = ?", Integer.class, id)).isZero();
        form.put("products", Map.of("value", products.get(0) + ", " + products.get(1)));
        form.put("destinations", Map.of("value", "test-sd, website"));
        TestHttp.Response started = producer.postJson("/engine-rest/process-definition/key/show/tenant-id/" + STATION + "/submit-form",
                Map.of("variables", form));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.json().path("businessKey").asText()).isEqualTo(id);
        JsonNode show = producer.get("/api/shows/" + id).json();
        assertThat(show.path("slots")).hasSize(2);
        assertThat(show.path("slots").get(0).path("plannedSeconds").asInt()).isEqualTo(240);
        assertThat(show.path("destinations").findValuesAsText("destinationId")).containsExactlyInAnyOrder("test-sd", "website");

        Task rundown = await().atMost(Duration.ofSeconds(30)).until(() -> taskService.createTaskQuery().processInstanceBusinessKey(id)
                .taskDefinitionKey("change-rundown").singleResult(), t -> t != null);
        String lines = String.valueOf(taskService.getVariable(rundown.getId(), "rundownLines"));
        assertThat(lines).contains(products.get(0) + " | 4 | 39.90");
        TestHttp.Response badLine = complete(rundown, Map.of("rundownLines", products.get(1) + " | 3 | 59.00\nxyz | 5"));
        assertThat(badLine.status()).isIn(400, 500);
        assertThat(badLine.body()).contains("Line 2 ('xyz | 5'): the product id must be a whole number");
        assertThat(complete(rundown, Map.of("rundownLines", "# new order\n" + products.get(1) + " | 3 | 55.00 | 49.90 | 100\n"
                + products.get(0))).status()).isEqualTo(204);
        JsonNode changed = producer.get("/api/shows/" + id).json().path("slots");
        assertThat(changed).hasSize(2);
        assertThat(changed.get(0).path("productId").asLong()).isEqualTo(products.get(1));
        assertThat(changed.get(0).path("flashSalePrice").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey("change-rundown").count())
                .as("the rundown stays open until air").isEqualTo(1);
    }

    @Test
    void reservationsOfAShowThatDoesNotPublishThereAreAcknowledgedAndIgnored() {
        String body = "{\"eventId\":\"res-x-" + run + "\",\"type\":\"reservation.updated\",\"occurredAt\":\"" + Instant.now()
                + "\",\"reservation\":{\"showRef\":\"no-such-show\",\"count\":3}}";
        assertThat(TestPlatforms.postWebhook(port, "show-douyin", STATION, body, ShowTestSettings.DOUYIN_SECRET).statusCode()).isEqualTo(202);
        String bad = body.replace("\"count\":3", "\"count\":-3").replace("res-x-", "res-y-");
        var refused = TestPlatforms.postWebhook(port, "show-douyin", STATION, bad, ShowTestSettings.DOUYIN_SECRET);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("reservation.count");
    }

    @Test
    void anUnreachableDestinationFailsThePreflightAndItsAlarmLetsTheProducerTakeItOff() {
        String id = "api-alarm-" + run;
        Map<String, Object> p = plan(id);
        p.put("destinations", List.of(Map.of("id", "douyin-main", "preset", "test-sd", "secretId", "showdouyin"),
                Map.of("id", "unreachable", "preset", "test-sd", "secretId", "test-push")));
        assertThat(producer.postJson("/api/shows", p).status()).isEqualTo(201);
        ProcessInstance show = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).processDefinitionKey("show").singleResult();
        await().atMost(Duration.ofSeconds(30)).until(() -> managementService.createJobQuery().processInstanceId(show.getId())
                .activityId("air-time").count() == 1);
        managementService.executeJob(managementService.createJobQuery().processInstanceId(show.getId()).activityId("air-time").singleResult().getId());

        Task preflight = awaitTask(id, "preflight-decision");
        String problem = String.valueOf(runtimeService.getVariable(preflight.getExecutionId(), "preflightProblem"));
        assertThat(problem).contains("Destination unreachable (rtmp://127.0.0.1:9/…/****a1b2) cannot be reached").doesNotContain("test-push-key");
        taskService.complete(preflight.getId(), Map.of("preflightDecision", "go-live"));

        Task alarm = awaitTask(id, "destination-alarm-task");
        assertThat(alarm.getName()).isEqualTo("Destination unreachable of Api show " + run + " is failing");
        assertThat(String.valueOf(runtimeService.getVariable(alarm.getExecutionId(), "alarmDetail"))).contains("****a1b2")
                .doesNotContain("kitchen-test-push-key");
        assertThat(live.show(id).orElseThrow().destinationIds()).contains("douyin-main", "unreachable");
        taskService.complete(alarm.getId(), Map.of("alarmDecision", "remove"));
        assertThat(live.show(id).orElseThrow().destinationIds()).containsExactly("douyin-main");

        assertThat(producer.postJson("/api/shows/" + id + "/end", Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> live.show(id).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> "AFTER_SALES".equals(jdbc.queryForObject(
                "select state from kitchen_show where id = ?", String.class, id)));
        assertThat(producer.postJson("/api/shows/" + id + "/slots/1/on-air", Map.of()).status()).isEqualTo(409);
    }

    Task awaitTask(String showId, String key) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> taskService.createTaskQuery().processInstanceBusinessKey(showId)
                .taskDefinitionKey(key).singleResult(), t -> t != null);
    }

    TestHttp.Response complete(Task task, Map<String, Object> variables) {
        Map<String, Object> typed = new LinkedHashMap<>();
        variables.forEach((k, v) -> typed.put(k, Map.of("value", v)));
        return producer.postJson("/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", typed));
    }

    void user(String id, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(id, group);
            identityService.createTenantUserMembership(STATION, id);
        }
    }
}
