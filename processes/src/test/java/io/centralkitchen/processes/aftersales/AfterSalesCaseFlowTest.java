package io.centralkitchen.processes.aftersales;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.routes.engine.EngineInboxDispatcher;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After-sales cases in the running application: a platform posts signed webhooks, the case appears in Tasklist for the
 * after-sales group of the station, the resolution and the survey go to the platform (WireMock playing Douyin,
 * Kuaishou and YouTube with the shapes their adapters document), the supplier's record is settled. Timers are fired
 * through the job API; asynchronous steps are awaited.
 */
@KitchenTest
class AfterSalesCaseFlowTest {

    static final String STATION = "station-1";
    static final WireMockServer PLATFORMS = TestPlatforms.server();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;
    @Autowired
    EngineInboxDispatcher inbox;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void peopleAndPlatforms() {
        user("sally", KitchenGroups.AFTER_SALES);
        user("sam", AfterSalesSupervisors.GROUP);
        PLATFORMS.stubFor(post(urlPathEqualTo("/douyin/api/v1/aftersale/resolutions"))
                .willReturn(okJson("{\"err_no\":0,\"err_msg\":\"success\",\"data\":{\"id\":\"dy-resolution-1\"}}")));
        PLATFORMS.stubFor(post(urlPathEqualTo("/douyin/api/v1/aftersale/surveys"))
                .willReturn(okJson("{\"err_no\":0,\"err_msg\":\"success\",\"data\":{\"id\":\"dy-survey-1\"}}")));
        PLATFORMS.stubFor(post(urlPathEqualTo("/kuaishou/openapi/aftersale.resolve"))
                .willReturn(aResponse().withStatus(503).withBody("{\"result\":0,\"error_msg\":\"maintenance window until 02:00\"}")));
    }

    @Test
    void aSignedComplaintBecomesACaseInTasklistAndIsSettledWithThePlatformAndTheSupplier() {
        long supplier = supplier();
        long product = product(supplier);
        String order = "o-" + run;
        String complaint = "c-" + run;
        String caseRef = "douyin:complaint:" + complaint;
        assertThat(webhook("douyin", TestPlatforms.DOUYIN_SECRET, orderEvent("order.paid", order, product, "129.00"))).isEqualTo(202);

        assertThat(webhook("douyin", TestPlatforms.DOUYIN_SECRET, complaintOpened(complaint, order, "spoiled"))).isEqualTo(202);

        ProcessInstance instance = awaitCase(caseRef);
        TestHttp sally = tasklist("sally");
        JsonNode task = awaitTask(sally, instance.getId());
        assertThat(task.path("name").asText()).isEqualTo("Handle quality case " + caseRef);
        assertThat(task.path("tenantId").asText()).isEqualTo(STATION);
        assertThat(task.path("priority").asInt()).isEqualTo(80);
        assertThat(submit("sally", task.path("id").asText(), Map.of("resolution", "refund", "refundAmount", 129.0,
                "resolutionNote", "Sorry, refunded in full.", "confirmed", true, "severe", true))).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> isWaitingAt(instance, "follow-up"));
        PLATFORMS.verify(postRequestedFor(urlPathEqualTo("/douyin/api/v1/aftersale/resolutions"))
                .withHeader("access-token", equalTo("test-douyin-token-0001"))
                .withRequestBody(matchingJsonPath("$.ticket_id", equalTo(complaint)))
                .withRequestBody(matchingJsonPath("$.refund_amount", equalTo("129.00")))
                .withRequestBody(matchingJsonPath("$.idempotency_key", equalTo("case:station-1:" + caseRef + ":resolution"))));
        Map<String, Object> row = caseRow(caseRef);
        assertThat(row.get("STATE")).isEqualTo("RESOLVED");
        assertThat(row.get("CATEGORY")).isEqualTo("quality");
        assertThat(row.get("PLATFORM_REFERENCE")).isEqualTo("dy-resolution-1");
        assertThat(jdbc.queryForObject("select quality_score from supplier where id = ?", Integer.class, supplier)).isEqualTo(80);
        assertThat(jdbc.queryForObject("select status from product where id = ?", String.class, product)).isEqualTo("SUSPENDED");

        fireTimer(instance, "follow-up");
        await().atMost(Duration.ofSeconds(30)).until(() -> isWaitingAt(instance, "await-answer"));
        PLATFORMS.verify(postRequestedFor(urlPathEqualTo("/douyin/api/v1/aftersale/surveys"))
                .withRequestBody(matchingJsonPath("$.case_ref", equalTo(caseRef))));
        assertThat(webhook("douyin", TestPlatforms.DOUYIN_SECRET, surveyAnswered(caseRef, 5))).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> ended(instance));
        assertThat(caseRow(caseRef)).containsEntry("STATE", "CLOSED").containsEntry("SATISFACTION_SCORE", 5);
        assertThat(jdbc.queryForObject("select count(*) from supplier_quality_event where source_ref = ?", Integer.class,
                "after-sales-case:" + row.get("ID"))).isEqualTo(1);
    }

    @Test
    void theStepsActOnTheCaseOfTheirRowWhateverTheVariablesSay() {
        long supplier = supplier();
        long product = product(supplier);
        long decoySupplier = supplier("decoy-" + run);
        long decoy = product(decoySupplier, "Decoy " + run);
        String order = "o-" + run;
        String complaint = "c-" + run;
        String caseRef = "douyin:complaint:" + complaint;
        assertThat(webhook("douyin", TestPlatforms.DOUYIN_SECRET, orderEvent("order.paid", order, product, "129.00"))).isEqualTo(202);
        assertThat(webhook("douyin", TestPlatforms.DOUYIN_SECRET, complaintOpened(complaint, order, "spoiled"))).isEqualTo(202);
        ProcessInstance instance = awaitCase(caseRef);
        // whatever rewrote them, the ids in the variables name something else than the case's row
        runtimeService.setVariables(instance.getId(), Map.of("caseId", -1L, "productId", decoy, "supplierId", decoySupplier,
                "ticketId", "someone-elses-ticket", "platform", "kuaishou"));

        JsonNode task = awaitTask(tasklist("sally"), instance.getId());
        submit("sally", task.path("id").asText(), Map.of("resolution", "refund", "refundAmount", 129.0,
                "resolutionNote", "Sorry, refunded in full.", "confirmed", true, "severe", true));

        await().atMost(Duration.ofSeconds(30)).until(() -> isWaitingAt(instance, "follow-up"));
        PLATFORMS.verify(postRequestedFor(urlPathEqualTo("/douyin/api/v1/aftersale/resolutions"))
                .withRequestBody(matchingJsonPath("$.ticket_id", equalTo(complaint))));
        assertThat(caseRow(caseRef)).containsEntry("STATE", "RESOLVED").containsEntry("PLATFORM_REFERENCE", "dy-resolution-1");
        assertThat(jdbc.queryForObject("select status from product where id = ?", String.class, product)).isEqualTo("SUSPENDED");
        assertThat(jdbc.queryForObject("select quality_score from supplier where id = ?", Integer.class, supplier)).isEqualTo(80);
        assertThat(jdbc.queryForObject("select status from product where id = ?", String.class, decoy)).isEqualTo("APPROVED");
        assertThat(jdbc.queryForObject("select quality_score from supplier where id = ?", Integer.class, decoySupplier)).isEqualTo(100);
    }

    @Test
    void anOverdueCaseGoesToTheSupervisorsInTasklist() {
        String caseRef = "douyin:complaint:c-late-" + run;
        assertThat(webhook("douyin", TestPlatforms.DOUYIN_SECRET, complaintOpened("c-late-" + run, "o-late-" + run, "late"))).isEqualTo(202);
        ProcessInstance instance = awaitCase(caseRef);

        fireTimer(instance, "sla-breached");

        TestHttp sam = tasklist("sam");
        JsonNode task = awaitTask(sam, instance.getId());
        assertThat(task.path("name").asText()).isEqualTo("Overdue: resolve logistics case " + caseRef);
        assertThat(caseRow(caseRef).get("STATE")).isEqualTo("ESCALATED");
        assertThat(tasklist("sally").get("/camunda/api/engine/engine/default/task?processInstanceId=" + instance.getId()).json()).isEmpty();
    }

    @Test
    void aSurveyAnswerThatOvertakesItsCaseIsKeptAndDeliveredWhenTheCaseWaitsForIt() {
        String caseRef = "douyin:complaint:c-early-" + run;
        assertThat(webhook("douyin", TestPlatforms.DOUYIN_SECRET, complaintOpened("c-early-" + run, "o-early-" + run, "not-received"))).isEqualTo(202);
        ProcessInstance instance = awaitCase(caseRef);

        assertThat(webhook("douyin", TestPlatforms.DOUYIN_SECRET, surveyAnswered(caseRef, 2))).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxError(caseRef) != null);
        assertThat(inboxError(caseRef)).contains("No process instance is waiting for message 'after-sales-survey-answered'");

        JsonNode task = awaitTask(tasklist("sally"), instance.getId());
        submit("sally", task.path("id").asText(), Map.of("resolution", "explain", "resolutionNote", "It is on its way.",
                "confirmed", false, "severe", false));
        await().atMost(Duration.ofSeconds(30)).until(() -> isWaitingAt(instance, "follow-up"));
        fireTimer(instance, "follow-up");
        await().atMost(Duration.ofSeconds(30)).until(() -> isWaitingAt(instance, "await-answer"));
        inbox.deliverDue(Instant.now().plus(Duration.ofHours(1)));

        assertThat(ended(instance)).isTrue();
        assertThat(caseRow(caseRef)).containsEntry("STATE", "CLOSED").containsEntry("SATISFACTION_SCORE", 2);
    }

    @Test
    void aPlatformThatKeepsFailingLeavesAnIncidentWithItsAnswer() {
        String caseRef = "kuaishou:complaint:c-down-" + run;
        assertThat(webhook("kuaishou", TestPlatforms.KUAISHOU_SECRET, complaintOpened("c-down-" + run, "o-down-" + run, "wrong-item"))).isEqualTo(202);
        ProcessInstance instance = awaitCase(caseRef);
        JsonNode task = awaitTask(tasklist("sally"), instance.getId());
        submit("sally", task.path("id").asText(), Map.of("resolution", "replace", "resolutionNote", "A new one is on its way.",
                "confirmed", true, "severe", false));

        await().atMost(Duration.ofSeconds(30)).until(() -> job(instance).getRetries() < 3);
        while (job(instance).getRetries() > 0) {
            try {
                managementService.executeJob(job(instance).getId());
            } catch (RuntimeException expected) {
                // each failed attempt lowers the retries; the last one raises the incident
            }
        }

        Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("send-resolution");
        assertThat(incident.getIncidentMessage()).contains("kuaishou case resolution failed after retries")
                .contains("HTTP 503").contains("maintenance window until 02:00").doesNotContain("test-kuaishou-token");
        assertThat(caseRow(caseRef).get("STATE")).isEqualTo("OPEN");
    }

    @Test
    void aPlatformRefusalIsHandedToAPersonWithThePlatformsAnswer() {
        String caseRef = "youtube:complaint:c-yt-" + run;
        assertThat(webhook("youtube", TestPlatforms.YOUTUBE_SECRET, complaintOpened("c-yt-" + run, "o-yt-" + run, "damaged"))).isEqualTo(202);
        ProcessInstance instance = awaitCase(caseRef);
        JsonNode task = awaitTask(tasklist("sally"), instance.getId());
        submit("sally", task.path("id").asText(), Map.of("resolution", "refund", "resolutionNote", "Refunded.",
                "confirmed", false, "severe", false));

        await().atMost(Duration.ofSeconds(30)).until(() -> isWaitingAt(instance, "resolve-by-hand"));
        assertThat(runtimeService.getVariable(instance.getId(), "platformAnswer").toString())
                .contains("youtube refused the case resolution").contains("YouTube has no after-sales API");
    }

    @Test
    void ordersFollowTheirEventsInAnyOrderAndRefundsWithoutComplaintOpenACase() {
        String order = "o-ord-" + run;
        assertThat(webhook("douyin", TestPlatforms.DOUYIN_SECRET, orderEvent("order.shipped", order, null, "59.90"))).isEqualTo(202);
        assertThat(webhook("douyin", TestPlatforms.DOUYIN_SECRET, orderEvent("order.created", order, null, "59.90"))).isEqualTo(202);
        assertThat(jdbc.queryForMap("select state, event_count from platform_order where order_id = ?", order))
                .containsEntry("STATE", "SHIPPED").containsEntry("EVENT_COUNT", 2);

        String refund = orderEvent("order.refunded", order, null, "59.90").replace("\"type\"", "\"refundReason\":\"changed-my-mind\",\"type\"");
        assertThat(webhook("douyin", TestPlatforms.DOUYIN_SECRET, refund)).isEqualTo(202);

        ProcessInstance instance = awaitCase("douyin:refund:" + order);
        assertThat(runtimeService.getVariable(instance.getId(), "category")).isEqualTo("other");
        assertThat(jdbc.queryForMap("select state, refunded_amount from platform_order where order_id = ?", order))
                .containsEntry("STATE", "REFUNDED");
        String complained = "o-cmp-" + run;
        webhook("douyin", TestPlatforms.DOUYIN_SECRET, complaintOpened("c-cmp-" + run, complained, "damaged"));
        webhook("douyin", TestPlatforms.DOUYIN_SECRET, orderEvent("order.refunded", complained, null, "10"));
        assertThat(jdbc.queryForObject("select count(*) from after_sales_case where order_id = ?", Integer.class, complained)).isEqualTo(1);
    }

    // --- helpers ---

    int webhook(String platform, String secret, String json) {
        return TestPlatforms.postWebhook(port, platform, STATION, json, secret).statusCode();
    }

    String orderEvent(String type, String order, Long product, String amount) {
        return "{\"eventId\":\"" + type + "-" + order + "-" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"occurredAt\":\""
                + Instant.now() + "\",\"order\":{\"orderId\":\"" + order + "\",\"amount\":\"" + amount + "\""
                + (product == null ? "" : ",\"productId\":" + product) + "}}";
    }

    String complaintOpened(String complaint, String order, String reason) {
        return "{\"eventId\":\"evt-" + complaint + "\",\"type\":\"complaint.opened\",\"occurredAt\":\"" + Instant.now()
                + "\",\"complaint\":{\"complaintId\":\"" + complaint + "\",\"orderId\":\"" + order + "\",\"reasonCode\":\"" + reason
                + "\",\"description\":\"The oranges arrived mouldy\"}}";
    }

    String surveyAnswered(String caseRef, int score) {
        return "{\"eventId\":\"survey-" + caseRef + "\",\"type\":\"survey.answered\",\"occurredAt\":\"" + Instant.now()
                + "\",\"survey\":{\"caseRef\":\"" + caseRef + "\",\"score\":" + score + "}}";
    }

    ProcessInstance awaitCase(String caseRef) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> runtimeService.createProcessInstanceQuery()
                .processDefinitionKey("after-sales-case").processInstanceBusinessKey(caseRef).tenantIdIn(STATION).singleResult(),
                java.util.Objects::nonNull);
    }

    TestHttp tasklist(String user) {
        TestHttp browser = new TestHttp(port);
        browser.loginToTasklist(user, user + "-password");
        return browser;
    }

    JsonNode awaitTask(TestHttp browser, String processInstanceId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode tasks = browser.get("/camunda/api/engine/engine/default/task?processInstanceId=" + processInstanceId).json();
            return tasks.isArray() && !tasks.isEmpty() ? tasks.get(0) : null;
        }, java.util.Objects::nonNull);
    }

    /** Submits the task's form as the person (over the REST API with their credentials, as Tasklist does with its session). */
    int submit(String user, String taskId, Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        TestHttp.Response answer = new TestHttp(port).as(user, user + "-password")
                .postJson("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables));
        assertThat(answer.status()).as(answer.body()).isEqualTo(204);
        return answer.status();
    }

    boolean isWaitingAt(ProcessInstance instance, String activityId) {
        return runtimeService.getActiveActivityIds(instance.getId()).contains(activityId);
    }

    boolean ended(ProcessInstance instance) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).completed().count() == 1;
    }

    Job job(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    }

    void fireTimer(ProcessInstance instance, String activityId) {
        Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers().singleResult();
        managementService.executeJob(timer.getId());
    }

    String inboxError(String businessKey) {
        return jdbc.queryForList("select last_error from engine_inbox where business_key = ? and target = 'after-sales-survey-answered'",
                String.class, businessKey).stream().findFirst().orElse(null);
    }

    Map<String, Object> caseRow(String caseRef) {
        return jdbc.queryForMap("select * from after_sales_case where station_id = ? and case_ref = ?", STATION, caseRef);
    }

    long supplier() {
        return supplier(run);
    }

    long supplier(String tag) {
        jdbc.update("insert into supplier (station_id, name, credit_code, created_at) values (?, ?, ?, current_timestamp)",
                STATION, "Gannan Orchard " + tag, ("91360" + tag.replace("decoy-", "D")).substring(0, 13).toUpperCase());
        return jdbc.queryForObject("select id from supplier where name = ?", Long.class, "Gannan Orchard " + tag);
    }

    long product(long supplier) {
        return product(supplier, "Navel oranges " + run);
    }

    long product(long supplier, String name) {
        jdbc.update("insert into product (station_id, supplier_id, name, category, price, unit, stock_offered, status, created_at, updated_at)"
                + " values (?, ?, ?, 'fruit', 129.00, 'box', 100, 'APPROVED', current_timestamp, current_timestamp)", STATION, supplier,
                name);
        return jdbc.queryForObject("select id from product where name = ?", Long.class, name);
    }

    void user(String id, String group) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setPassword(id + "-password");
        identityService.saveUser(user);
        identityService.createMembership(id, group);
        identityService.createTenantUserMembership(STATION, id);
    }
}
