package io.centralkitchen.processes;

import com.fasterxml.jackson.databind.JsonNode;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.demo.DemoCatalogue;
import io.centralkitchen.processes.preselection.PreselectionClient;
import io.centralkitchen.processes.preselection.PreselectionClient.Part;
import io.centralkitchen.processes.station.StationAccounts;
import io.centralkitchen.processes.station.StationVault;
import io.centralkitchen.storage.MediaStore;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stations are walls, checked operation by operation: every {@code /api} operation and the user tasks of station A,
 * tried by a user of station B from each group (and by B's supplier), answer 403 or 404 and leave no trace in A's
 * rows, process variables or objects. Ids forged into B's own task completions and variable updates are refused too.
 * A new {@code /api} operation without a case here fails {@link #everyApiOperationHasACrossStationCase()}.
 */
@KitchenTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossStationTest {

    static final String A = "station-1";
    static final String B = "radio-two";
    static final String PASSWORD = "cross-station-pass";
    static final List<String> B_GROUPS = List.of(KitchenGroups.EDITORS, KitchenGroups.QUALITY_REVIEWERS,
            KitchenGroups.PRODUCERS, KitchenGroups.MARKETERS, KitchenGroups.AFTER_SALES, KitchenGroups.STATION_ADMINS,
            KitchenGroups.COMPLIANCE);
    static final String FUTURE = LocalDate.now().plusYears(2).toString();

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MediaStore store;
    @Autowired
    StationVault vault;
    @Autowired
    StationAccounts accounts;
    @Autowired
    DemoCatalogue catalogue;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** A's things, by the names the cases use. */
    final Map<String, String> a = new LinkedHashMap<>();
    final List<BUser> bUsers = new ArrayList<>();

    record BUser(String id, TestHttp http) {
    }
    String bSupplierAccount;
    long bSubmissionId;

    @BeforeAll
    void stationAAndTheUsersOfStationB() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        TestHttp admin = new TestHttp(port).as("admin", KitchenTest.ADMIN_PASSWORD);
        // station A: a supplier with a submission in review, approved products, a planned show, a secret
        String aAccount = "cross-a-supplier-" + tag;
        a.put("supplierId", register(admin, A, aAccount));
        JsonNode submitted = submit(new PreselectionClient(port, aAccount, PASSWORD));
        a.put("submissionId", submitted.path("submissionId").asText());
        a.put("productId", submitted.path("productId").asText());
        List<Long> products = catalogue.seed(A, "Cross-station co-op " + tag, "Hengshan", DemoCatalogue.HARVEST.subList(0, 1),
                Path.of("target/test-data/cross-station"));
        String showId = "cross-a-" + tag;
        TestHttp.Response planned = admin.postJson("/api/shows", Map.of("id", showId, "stationId", A, "title", "A's show",
                "airTime", Instant.now().plus(2, ChronoUnit.DAYS).toString(), "ingest", Map.of("mode", "TEST_PATTERN"),
                "destinations", List.of(Map.of("id", "website", "preset", "website")),
                "slots", List.of(Map.of("productId", products.get(0)))));
        assertThat(planned.status()).as(planned.body()).isEqualTo(201);
        a.put("showId", showId);
        a.put("approvedProductId", products.get(0).toString());
        long slotId = jdbc.queryForObject("select id from show_slot where show_id = ? and position = 1", Long.class, showId);
        jdbc.update("insert into show_clip (show_id, slot_id, product_id, recording_id, in_millis, out_millis, vertical_key, landscape_key,"
                + " state, created_at, updated_at) values (?, ?, ?, 'rec', 0, 1000, 'v', 'l', 'APPROVED', current_timestamp,"
                + " current_timestamp)", showId, slotId, products.get(0));
        a.put("clipId", jdbc.queryForObject("select max(id) from show_clip where show_id = ?", Long.class, showId).toString());
        a.put("secret", "cross-a-secret-" + tag);
        vault.set(A, a.get("secret"), "PUSH_URL", "rtmp://a.example/live/cross-a-key-" + tag, "test");
        a.put("account", "cross-a-douyin-" + tag);
        accounts.save(A, a.get("account"), new StationAccounts.AccountForm("DOUYIN", "https://open.douyin.example", "a-app-key",
                "a-app-secret-" + tag, "a-token-" + tag, null, "a-webhook-secret-" + tag, null, null, null, null), "test");
        // the commerce desk: a host and a lottery on the show
        TestHttp.Response host = admin.postJson("/api/stations/" + A + "/hosts", Map.of("displayName", "A's host " + tag,
                "realName", "A Host", "categories", List.of("FOOD")));
        assertThat(host.status()).as(host.body()).isEqualTo(201);
        a.put("hostId", host.json().path("id").asText());
        TestHttp.Response promotion = admin.postJson("/api/shows/" + showId + "/promotions", Map.of("kind", "LOTTERY", "terms",
                Map.of("topPrize", 100, "prizeDescription", "tea", "winners", 1, "rulesText", "A's rules")));
        assertThat(promotion.status()).as(promotion.body()).isEqualTo(201);
        a.put("promotionId", promotion.json().path("promotion").path("id").asText());
        // station B: one user per group, and a supplier with its own submission
        for (String group : B_GROUPS) {
            String id = "cross-b-" + group + "-" + tag;
            user(id, B, group);
            bUsers.add(new BUser(id, new TestHttp(port).as(id, PASSWORD)));
        }
        bSupplierAccount = "cross-b-supplier-" + tag;
        register(admin, B, bSupplierAccount);
        bUsers.add(new BUser(bSupplierAccount, new TestHttp(port).as(bSupplierAccount, PASSWORD)));
        bSubmissionId = submit(new PreselectionClient(port, bSupplierAccount, PASSWORD)).path("submissionId").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> !reviewTasks(a.get("submissionId")).isEmpty()
                && !reviewTasks(Long.toString(bSubmissionId)).isEmpty() && quiet());
    }

    /** Every operation of the platform's own API, with station A's ids and a body it would accept from A's staff. */
    List<Case> cases() {
        String show = a.get("showId");
        String submission = a.get("submissionId");
        Map<String, Object> plan = Map.of("stationId", A, "title", "B's try", "airTime", Instant.now().plus(3, ChronoUnit.DAYS)
                .toString(), "ingest", Map.of("mode", "TEST_PATTERN"), "slots", List.of(Map.of("productId", Long.parseLong(a.get("approvedProductId")))));
        return List.of(
                new Case("GET", "/api/stations/" + A + "/secrets", null, "/api/stations/{stationId}/secrets"),
                new Case("GET", "/api/stations/" + A + "/secrets/" + a.get("secret"), null, "/api/stations/{stationId}/secrets/{name}"),
                new Case("PUT", "/api/stations/" + A + "/secrets/" + a.get("secret"), Map.of("kind", "PUSH_URL", "value", "rtmp://b.example/x"),
                        "/api/stations/{stationId}/secrets/{name}"),
                new Case("DELETE", "/api/stations/" + A + "/secrets/" + a.get("secret"), null, "/api/stations/{stationId}/secrets/{name}"),
                new Case("GET", "/api/stations/" + A + "/platform-accounts", null, "/api/stations/{stationId}/platform-accounts"),
                new Case("GET", "/api/stations/" + A + "/platform-accounts/" + a.get("account"), null,
                        "/api/stations/{stationId}/platform-accounts/{accountId}"),
                new Case("PUT", "/api/stations/" + A + "/platform-accounts/" + a.get("account"), Map.of("kind", "DOUYIN",
                        "baseUrl", "https://b.example", "appSecret", "planted"), "/api/stations/{stationId}/platform-accounts/{accountId}"),
                new Case("DELETE", "/api/stations/" + A + "/platform-accounts/" + a.get("account"), null,
                        "/api/stations/{stationId}/platform-accounts/{accountId}"),
                new Case("POST", "/api/stations", Map.of("id", A, "name", "Taken over"), "/api/stations"),
                new Case("POST", "/api/preselection/suppliers", Map.of("stationId", A, "name", "Planted", "creditCode",
                        PreselectionClient.creditCode(), "accountUserId", "planted-" + UUID.randomUUID(), "accountPassword", "planted-pass-1"),
                        "/api/preselection/suppliers"),
                new Case("GET", "/api/preselection/suppliers/" + a.get("supplierId"), null, "/api/preselection/suppliers/{supplierId}"),
                new Case("POST", "/api/preselection/products/" + a.get("approvedProductId") + "/recheck?showDate=" + FUTURE, null,
                        "/api/preselection/products/{productId}/recheck"),
                new Case("MULTIPART", "/api/preselection/submissions", null, "/api/preselection/submissions"),
                new Case("MULTIPART", "/api/preselection/submissions/" + submission + "/evidence", null,
                        "/api/preselection/submissions/{submissionId}/evidence"),
                new Case("GET", "/api/preselection/submissions/" + submission, null, "/api/preselection/submissions/{submissionId}"),
                new Case("GET", "/api/preselection/evidence/" + jdbc.queryForObject("select min(id) from evidence_document where"
                        + " submission_id = " + submission + " and object_key is not null", Long.class) + "/file", null,
                        "/api/preselection/evidence/{evidenceId}/file"),
                new Case("POST", "/api/shows", plan, "/api/shows"),
                new Case("GET", "/api/shows?stationId=" + A, null, "/api/shows"),
                new Case("GET", "/api/shows/" + show, null, "/api/shows/{showId}"),
                new Case("PUT", "/api/shows/" + show + "/rundown", Map.of("slots", List.of(Map.of("productId",
                        Long.parseLong(a.get("approvedProductId"))))), "/api/shows/{showId}/rundown"),
                new Case("POST", "/api/shows/" + show + "/slots/next/on-air", Map.of(), "/api/shows/{showId}/slots/next/on-air"),
                new Case("POST", "/api/shows/" + show + "/slots/1/on-air", Map.of(), "/api/shows/{showId}/slots/{position}/on-air"),
                new Case("POST", "/api/shows/" + show + "/end", Map.of(), "/api/shows/{showId}/end"),
                new Case("GET", "/api/shows/" + show + "/clips", null, "/api/shows/{showId}/clips"),
                new Case("GET", "/api/shows/" + show + "/report", null, "/api/shows/{showId}/report"),
                new Case("GET", "/api/shows/reports/counties?stationId=" + A + "&from=2020-01-01&to=2030-01-01", null,
                        "/api/shows/reports/counties"),
                new Case("GET", "/api/shows/" + show + "/figures", null, "/api/shows/{showId}/figures"),
                new Case("GET", "/api/shows/" + show + "/figures.csv", null, "/api/shows/{showId}/figures.csv"),
                new Case("GET", "/api/shows/reports/public-welfare/figures?stationId=" + A + "&from=2020-01-01&to=2020-12-01", null,
                        "/api/shows/reports/public-welfare/figures"),
                new Case("GET", "/api/library/assets?stationId=" + A, null, "/api/library/assets"),
                new Case("POST", "/api/library/clips/" + a.get("clipId") + "/publications", Map.of("platform", "douyin"),
                        "/api/library/clips/{clipId}/publications"),
                new Case("POST", "/api/shows/" + show + "/live/start", Map.of("stationId", A, "ingest", Map.of("mode", "TEST_PATTERN")),
                        "/api/shows/{showId}/live/start"),
                // the first way in that was found: A's show id, B's own station named
                new Case("POST", "/api/shows/" + show + "/live/start", Map.of("stationId", B, "ingest", Map.of("mode", "TEST_PATTERN")),
                        "/api/shows/{showId}/live/start"),
                new Case("POST", "/api/shows/" + show + "/live/stop", Map.of(), "/api/shows/{showId}/live/stop"),
                new Case("GET", "/api/shows/" + show + "/live/stats", null, "/api/shows/{showId}/live/stats"),
                new Case("GET", "/api/shows/" + show + "/live/events", null, "/api/shows/{showId}/live/events"),
                new Case("POST", "/api/shows/" + show + "/live/destinations", Map.of("id", "planted", "preset", "website"),
                        "/api/shows/{showId}/live/destinations"),
                new Case("DELETE", "/api/shows/" + show + "/live/destinations/website", null,
                        "/api/shows/{showId}/live/destinations/{destinationId}"),
                new Case("POST", "/api/shows/" + show + "/live/markers", Map.of("kind", "HIGHLIGHT", "label", "planted"),
                        "/api/shows/{showId}/live/markers"),
                new Case("GET", "/api/shows/" + show + "/live/markers", null, "/api/shows/{showId}/live/markers"),
                new Case("GET", "/api/shows/" + show + "/live/recording", null, "/api/shows/{showId}/live/recording"),
                new Case("GET", "/api/shows/" + show + "/live/sources", null, "/api/shows/{showId}/live/sources"),
                new Case("GET", "/api/shows/" + show + "/live/sources/studio/preview.jpg", null,
                        "/api/shows/{showId}/live/sources/{source}/preview.jpg"),
                new Case("POST", "/api/shows/" + show + "/live/cut", Map.of("source", "studio"), "/api/shows/{showId}/live/cut"),
                new Case("POST", "/api/shows/" + show + "/live/cut/slate", Map.of(), "/api/shows/{showId}/live/cut/slate"),
                new Case("GET", "/api/stations/" + A + "/archive/shows/" + show + "/pack", null,
                        "/api/stations/{stationId}/archive/shows/{showId}/pack"),
                new Case("GET", "/api/stations/" + A + "/archive/products/" + a.get("approvedProductId") + "/pack", null,
                        "/api/stations/{stationId}/archive/products/{productId}/pack"),
                new Case("GET", "/api/stations/" + A + "/archive/cases/douyin:complaint:any/pack", null,
                        "/api/stations/{stationId}/archive/cases/{caseRef}/pack"),
                new Case("GET", "/api/stations/" + A + "/archive/check", null, "/api/stations/{stationId}/archive/check"),
                new Case("GET", "/api/stations/" + A + "/hosts", null, "/api/stations/{stationId}/hosts"),
                new Case("POST", "/api/stations/" + A + "/hosts", Map.of("displayName", "Planted", "realName", "B"),
                        "/api/stations/{stationId}/hosts"),
                new Case("GET", "/api/stations/" + A + "/hosts/" + a.get("hostId"), null, "/api/stations/{stationId}/hosts/{hostId}"),
                new Case("PUT", "/api/stations/" + A + "/hosts/" + a.get("hostId"), Map.of("displayName", "Planted"),
                        "/api/stations/{stationId}/hosts/{hostId}"),
                new Case("POST", "/api/stations/" + A + "/hosts/" + a.get("hostId") + "/identity-check", Map.of(),
                        "/api/stations/{stationId}/hosts/{hostId}/identity-check"),
                new Case("GET", "/api/stations/" + A + "/hosts/" + a.get("hostId") + "/identity-check/file", null,
                        "/api/stations/{stationId}/hosts/{hostId}/identity-check/file"),
                new Case("GET", "/api/shows/" + show + "/promotions", null, "/api/shows/{showId}/promotions"),
                new Case("POST", "/api/shows/" + show + "/promotions", Map.of("kind", "RESERVATION", "terms", Map.of("benefit", "planted")),
                        "/api/shows/{showId}/promotions"),
                new Case("GET", "/api/shows/" + show + "/promotions/" + a.get("promotionId"), null, "/api/shows/{showId}/promotions/{promotionId}"),
                new Case("POST", "/api/shows/" + show + "/promotions/" + a.get("promotionId") + "/cancel", Map.of(),
                        "/api/shows/{showId}/promotions/{promotionId}/cancel"),
                new Case("POST", "/api/shows/" + show + "/promotions/" + a.get("promotionId") + "/rules/publish", Map.of(),
                        "/api/shows/{showId}/promotions/{promotionId}/rules/publish"),
                new Case("POST", "/api/shows/" + show + "/promotions/" + a.get("promotionId") + "/fire", Map.of(),
                        "/api/shows/{showId}/promotions/{promotionId}/fire"),
                new Case("POST", "/api/shows/" + show + "/promotions/" + a.get("promotionId") + "/draw", Map.of("seed", "planted-seed"),
                        "/api/shows/{showId}/promotions/{promotionId}/draw"),
                new Case("GET", "/api/shows/" + show + "/promotions/" + a.get("promotionId") + "/draw", null,
                        "/api/shows/{showId}/promotions/{promotionId}/draw"));
    }

    /** Lists that B may call: answered, but without a trace of A. */
    static final Set<String> LISTS = Set.of("GET /api/stations", "GET /api/preselection/submissions", "GET /api/shows",
            "GET /api/archive/public-key", "GET /api/live/stats");

    record Case(String method, String path, Object body, String pattern) {
    }

    @Test
    void everyApiOperationHasACrossStationCase() {
        Set<String> covered = new TreeSet<>();
        cases().forEach(c -> covered.add((c.method().equals("MULTIPART") ? "POST" : c.method()) + " " + c.pattern()));
        covered.addAll(LISTS);
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : e.getKey().getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    e.getKey().getMethodsCondition().getMethods().forEach(m -> operations.add(m.name() + " " + pattern));
                }
            }
        }
        assertThat(covered).as("a cross-station case for every /api operation").containsAll(operations);
    }

    @Test
    void noApiOperationOfStationAIsOpenToStationB() {
        String before = traceOfA();
        for (BUser user : bUsers) {
            TestHttp b = user.http();
            for (Case c : cases()) {
                TestHttp.Response answer = send(user, c);
                assertThat(answer.status()).as("%s %s by a user of station B: %s", c.method(), c.path(), answer.body())
                        .isIn(403, 404);
                if (!c.path().contains(A) && !String.valueOf(c.body()).contains(A)) {
                    assertThat(answer.body()).as("a refusal names no station the caller did not name").doesNotContain(A);
                }
            }
            for (String list : List.of("/api/stations", "/api/preselection/submissions", "/api/shows", "/api/live/stats")) {
                TestHttp.Response answer = b.get(list);
                assertThat(answer.status()).isIn(200, 403);
                assertThat(answer.body()).as(list).doesNotContain(A).doesNotContain(a.get("showId"));
            }
        }
        assertThat(traceOfA()).as("A's rows, variables and objects are unchanged").isEqualTo(before);
    }

    @Test
    void theUserTasksOfStationAAreOutOfReach() {
        String before = traceOfA();
        List<Task> tasksOfA = new ArrayList<>(reviewTasks(a.get("submissionId")));
        tasksOfA.addAll(taskService.createTaskQuery().tenantIdIn(A).processInstanceBusinessKey(a.get("showId")).list());
        assertThat(tasksOfA).hasSizeGreaterThanOrEqualTo(3);
        Map<String, Object> variables = Map.of("variables", Map.of("qualityDecision", Map.of("value", "approve"),
                "sampleResult", Map.of("value", "PASS")));
        for (BUser user : bUsers) {
            TestHttp b = user.http();
            for (Task task : tasksOfA) {
                String t = "/engine-rest/task/" + task.getId();
                assertThat(b.get(t).status()).isEqualTo(404);
                for (TestHttp.Response refused : List.of(b.get(t + "/form-variables"),
                        b.postJson(t + "/claim", Map.of("userId", "someone")), b.postJson(t + "/complete", variables),
                        b.postJson(t + "/submit-form", variables), b.putJson(t + "/localVariables/productId", Map.of("value", 1)))) {
                    assertThat(refused.status()).as(refused.body()).isIn(403, 404);
                    assertThat(refused.body()).doesNotContain(A).doesNotContain(task.getId());
                }
                assertThat(b.get("/engine-rest/history/variable-instance?processInstanceId=" + task.getProcessInstanceId()).body())
                        .isEqualTo("[]");
            }
        }
        // and in Tasklist: a station-B reviewer signed in there finds none of A's tasks either, and is told nothing
        BUser reviewer = bUsers.stream().filter(u -> u.id().contains(KitchenGroups.QUALITY_REVIEWERS)).findFirst().orElseThrow();
        TestHttp tasklist = new TestHttp(port);
        tasklist.loginToTasklist(reviewer.id(), PASSWORD);
        for (Task task : tasksOfA) {
            String t = "/camunda/api/engine/engine/default/task/" + task.getId();
            for (TestHttp.Response refused : List.of(tasklist.get(t), tasklist.get(t + "/form-variables"),
                    tasklist.get(t + "/variables"), tasklist.postJson(t + "/claim", Map.of("userId", reviewer.id())))) {
                assertThat(refused.status()).as(refused.body()).isEqualTo(404);
                assertThat(refused.body()).doesNotContain(A).doesNotContain(task.getId());
            }
        }
        assertThat(traceOfA()).isEqualTo(before);
    }

    @Test
    void idsForgedIntoStationBsOwnTasksAreRefused() {
        String before = traceOfA();
        String reviewer = "cross-forger-" + UUID.randomUUID().toString().substring(0, 6);
        user(reviewer, B, KitchenGroups.QUALITY_REVIEWERS);
        TestHttp b = new TestHttp(port).as(reviewer, PASSWORD);
        Task own = reviewTasks(Long.toString(bSubmissionId)).get(0);
        String t = "/engine-rest/task/" + own.getId();
        assertThat(b.postJson(t + "/claim", Map.of("userId", reviewer)).status()).isEqualTo(204);

        TestHttp.Response forged = b.postJson(t + "/complete", Map.of("variables", Map.of(
                "qualityDecision", Map.of("value", "approve"), "sampleResult", Map.of("value", "PASS"),
                "submissionId", Map.of("value", Long.parseLong(a.get("submissionId")), "type", "Long"))));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().path("message").asText()).contains("'submissionId' is not a field of the form");
        assertThat(b.putJson(t + "/localVariables/productId", Map.of("value", Long.parseLong(a.get("productId")), "type", "Long"))
                .status()).isEqualTo(403);
        assertThat(b.putJson(t + "/variables/submissionId", Map.of("value", Long.parseLong(a.get("submissionId")), "type", "Long"))
                .status()).isEqualTo(403);
        assertThat(b.putJson("/engine-rest/process-instance/" + own.getProcessInstanceId() + "/variables/submissionId",
                Map.of("value", Long.parseLong(a.get("submissionId")), "type", "Long")).status()).isIn(403, 404);
        assertThat(taskService.createTaskQuery().taskId(own.getId()).count()).as("B's task is still open").isEqualTo(1);

        // a producer of B starting the show form with the id of A's show gets a plan refusal, not A's show
        String producer = "cross-b-starter-" + UUID.randomUUID().toString().substring(0, 6);
        user(producer, B, KitchenGroups.PRODUCERS);
        TestHttp.Response started = new TestHttp(port).as(producer, PASSWORD).postJson("/engine-rest/process-definition/key/show/tenant-id/"
                + B + "/submit-form", Map.of("businessKey", a.get("showId"), "variables", Map.of(
                "showId", Map.of("value", a.get("showId")), "showTitle", Map.of("value", "Taken over"),
                "airTime", Map.of("value", Instant.now().plus(2, ChronoUnit.DAYS).toString()),
                "ingestMode", Map.of("value", "TEST_PATTERN"), "products", Map.of("value", a.get("approvedProductId")))));
        assertThat(started.status()).as(started.body()).isGreaterThanOrEqualTo(400);
        assertThat(started.body()).doesNotContain(A);
        assertThat(traceOfA()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- helpers

    private TestHttp.Response send(BUser user, Case c) {
        TestHttp who = user.http();
        return switch (c.method()) {
            case "GET" -> who.get(c.path());
            case "POST" -> who.postJson(c.path(), c.body() == null ? Map.of() : c.body());
            case "PUT" -> who.putJson(c.path(), c.body() == null ? Map.of() : c.body());
            case "DELETE" -> who.delete(c.path());
            case "MULTIPART" -> new PreselectionClient(port, user.id(), PASSWORD).post(c.path(), List.of(
                    Part.json("product", "{\"supplierId\":" + a.get("supplierId") + ",\"name\":\"Planted\",\"category\":\"FOOD\","
                            + "\"price\":1,\"unit\":\"box\",\"stockOffered\":1}"),
                    Part.json("evidence", PreselectionClient.array(PreselectionClient.evidenceJson("INSPECTION_REPORT", "X-1",
                            FUTURE, "x.pdf"))),
                    Part.file("files", "x.pdf", "application/pdf", PreselectionClient.pdf("planted"))));
            default -> throw new IllegalArgumentException(c.method());
        };
    }

    /**
     * A fingerprint of what this test gave station A: its rows, its processes' variables, tasks and jobs, its objects
     * (other tests share the application, so only A's things of this test are looked at).
     */
    private String traceOfA() {
        String supplier = a.get("supplierId");
        String submission = a.get("submissionId");
        String show = a.get("showId");
        String products = a.get("productId") + ", " + a.get("approvedProductId");
        StringBuilder all = new StringBuilder();
        for (String query : List.of(
                "select * from supplier where id = " + supplier,
                "select * from product where id in (" + products + ") order by id",
                "select * from preselection_submission where id = " + submission,
                "select * from evidence_document where submission_id = " + submission + " order by id",
                "select * from quality_review where submission_id = " + submission + " order by id",
                "select * from kitchen_show where id = '" + show + "'",
                "select * from show_destination where show_id = '" + show + "' order by destination_id",
                "select * from show_slot where show_id = '" + show + "' order by id",
                "select * from live_marker where show_id = '" + show + "' order by id",
                "select * from live_session where show_id = '" + show + "' order by id",
                "select station_id, name, fingerprint, version from station_secret where station_id = '" + A + "' and name = '"
                        + a.get("secret") + "'",
                "select * from platform_account where station_id = '" + A + "' and account_id = '" + a.get("account") + "'",
                "select * from host where id = " + a.get("hostId"),
                "select * from promotion where id = " + a.get("promotionId"),
                "select station_id, name, fingerprint, version from station_secret where station_id = '" + A + "' and name like '"
                        + a.get("account") + ".%' order by name",
                "select v.name_, v.type_, v.text_, v.long_ from act_ru_variable v join act_ru_execution e on e.id_ = v.execution_id_"
                        + " join act_ru_execution p on p.id_ = e.proc_inst_id_ where p.business_key_ in ('submission-" + submission
                        + "', '" + show + "') order by v.name_, v.text_",
                "select t.task_def_key_, t.assignee_ from act_ru_task t join act_ru_execution p on p.id_ = t.proc_inst_id_"
                        + " where p.business_key_ in ('submission-" + submission + "', '" + show + "') order by t.task_def_key_")) {
            all.append(jdbc.queryForList(query)).append('\n');
        }
        store.list(A + "/suppliers/" + supplier + "/").forEach(o -> all.append(o).append('\n'));
        store.list(A + "/shows/" + show + "/").forEach(o -> all.append(o).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.toString().getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A's processes of this test have done what they do by themselves (teaser rendered, tasks waiting). */
    private boolean quiet() {
        return jdbc.queryForObject("select count(*) from act_ru_job j join act_ru_execution p on p.id_ = j.process_instance_id_"
                + " where p.business_key_ in ('submission-" + a.get("submissionId") + "', '" + a.get("showId") + "')"
                + " and (j.duedate_ is null or j.duedate_ < current_timestamp)", Integer.class) == 0
                && jdbc.queryForObject("select count(*) from act_ru_ext_task x join act_ru_execution p on p.id_ = x.proc_inst_id_"
                + " where p.business_key_ in ('submission-" + a.get("submissionId") + "', '" + a.get("showId") + "')",
                Integer.class) == 0;
    }

    private List<Task> reviewTasks(String submissionId) {
        return taskService.createTaskQuery().processInstanceBusinessKey("submission-" + submissionId)
                .taskDefinitionKey("reviewQuality").list();
    }

    private String register(TestHttp admin, String station, String account) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("stationId", station);
        form.put("name", "Co-op " + account);
        form.put("creditCode", PreselectionClient.creditCode());
        form.put("county", "Hengshan");
        form.put("accountUserId", account);
        form.put("accountPassword", PASSWORD);
        TestHttp.Response registered = admin.postJson("/api/preselection/suppliers", form);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return registered.json().path("supplierId").asText();
    }

    private JsonNode submit(PreselectionClient supplier) {
        TestHttp.Response submitted = supplier.submit(
                Part.json("product", "{\"name\":\"Tea\",\"category\":\"FOOD\",\"price\":39.90,\"unit\":\"tin\",\"stockOffered\":50}"),
                Part.json("evidence", PreselectionClient.array(
                        PreselectionClient.evidenceJson("BUSINESS_LICENCE", "91430400MA4L000001", null, "business.pdf"),
                        PreselectionClient.evidenceJson("FOOD_LICENCE", "SC11243040000123", FUTURE, "food.pdf"),
                        PreselectionClient.evidenceJson("INSPECTION_REPORT", "HY-2026-0815", FUTURE, "inspection.pdf"))),
                Part.file("files", "business.pdf", "application/pdf", PreselectionClient.pdf("business")),
                Part.file("files", "food.pdf", "application/pdf", PreselectionClient.pdf("food")),
                Part.file("files", "inspection.pdf", "application/pdf", PreselectionClient.pdf("inspection")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json();
    }

    private void user(String id, String station, String group) {
        if (identityService.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identityService.newUser(id);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(id, group);
        identityService.createTenantUserMembership(station, id);
    }
}
