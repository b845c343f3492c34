package io.centralkitchen.processes.aftersales;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * Every path through after-sales-case and its routing decision, on a small in-memory engine with process test
 * coverage (report under target/process-test-coverage). The service steps are stand-ins recording their calls here;
 * {@code AfterSalesCaseFlowTest} runs the same model in the application with the real steps, webhooks and platforms.
 * Timers are fired through the engine's job API.
 */
@Deployment(resources = {"bpmn/after-sales-case.bpmn", "dmn/after-sales-routing.dmn", "forms/after-sales-handle.form",
        "forms/after-sales-platform-refused.form"})
class AfterSalesCaseModelTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("after-sales-model.cfg.xml")
            .assertClassCoverageAtLeast(1.0).build();

    final List<String> steps = new ArrayList<>();
    final AtomicInteger resolutionRefusals = new AtomicInteger();
    boolean surveyRefused;

    @BeforeEach
    void stepsRecordTheirCalls() {
        ProcessEngine processEngine = engine.getProcessEngine();
        init(processEngine);
        Mocks.register("afterSalesTimers", new AfterSalesTimers(new AfterSalesProperties()));
        Mocks.register("recordCaseRouting", (ExecutionListener) e -> steps.add("routed:" + e.getVariable("category") + "/" + e.getVariable("priority")));
        Mocks.register("escalateCase", step("escalated"));
        Mocks.register("sendCaseResolution", (JavaDelegate) e -> {
            if (resolutionRefusals.getAndDecrement() > 0) {
                throw new BpmnError("platform-refused", "douyin refused the case resolution: err_no 28001003: ticket already closed");
            }
            steps.add("resolution:" + e.getVariable("resolution"));
        });
        Mocks.register("recordManualResolution", step("manual-resolution"));
        Mocks.register("lowerSupplierScore", step("score-lowered"));
        Mocks.register("suspendProduct", step("product-suspended"));
        Mocks.register("sendSatisfactionSurvey", (JavaDelegate) e -> {
            if (surveyRefused) {
                throw new BpmnError("platform-refused", "youtube refused the satisfaction survey: no after-sales API");
            }
            steps.add("survey-sent");
        });
        Mocks.register("recordSurveyResult", (JavaDelegate) e -> steps.add("closed:" + e.getVariable("satisfactionScore")));
        Mocks.register("recordCustomerUpdate", step("customer-update"));
    }

    @AfterEach
    void clearMocks() {
        Mocks.reset();
    }

    JavaDelegate step(String name) {
        return e -> steps.add(name);
    }

    static ProcessInstance startCase(String reasonCode, double orderAmount, Long supplierId, Long productId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("caseId", 1L);
        variables.put("caseRef", "douyin:complaint:c-" + reasonCode);
        variables.put("platform", "douyin");
        variables.put("ticketId", "c-1");
        variables.put("orderId", "o-1");
        variables.put("reasonCode", reasonCode);
        variables.put("orderAmount", orderAmount);
        variables.put("supplierId", supplierId);
        variables.put("productId", productId);
        variables.put("confirmed", false);
        variables.put("severe", false);
        return runtimeService().startProcessInstanceByKey("after-sales-case", "douyin:complaint:c-" + reasonCode, variables);
    }

    static void resolve(ProcessInstance instance, String resolution, boolean confirmed, boolean severe) {
        complete(task(instance), withVariables("resolution", resolution, "resolutionNote", "Sorry about that.",
                "confirmed", confirmed, "severe", severe));
        execute(job(instance));   // the resolution is sent asynchronously
    }

    static void followUpAndSurvey(ProcessInstance instance) {
        assertThat(instance).isWaitingAt("follow-up");
        execute(job(instance));   // follow-up timer
        execute(job(instance));   // survey is sent asynchronously
    }

    @Test
    void aConfirmedQualityComplaintCostsTheSupplierAndTheCustomerAnswersTheSurvey() {
        ProcessInstance instance = startCase("damaged", 59.0, 11L, 7L);

        assertThat(instance).isWaitingAt("handle-case").task().hasCandidateGroup("after-sales").hasName("Handle quality case douyin:complaint:c-damaged");
        resolve(instance, "refund", true, false);
        followUpAndSurvey(instance);
        assertThat(instance).isWaitingAt("await-answer");
        runtimeService().createMessageCorrelation("after-sales-survey-answered").processInstanceBusinessKey(instance.getBusinessKey())
                .setVariable("satisfactionScore", 4).correlate();

        assertThat(instance).isEnded().hasPassed("lower-supplier-score", "survey-answered").hasNotPassed("suspend-product", "sla-breached");
        assertThat(steps).containsExactly("routed:quality/normal", "resolution:refund", "score-lowered", "survey-sent", "closed:4");
    }

    @Test
    void aConfirmedSevereQualityCaseSuspendsTheProductAndClosesWithoutAnAnswer() {
        ProcessInstance instance = startCase("spoiled", 30.0, 11L, 7L);

        assertThat(task(instance)).hasName("Handle quality case douyin:complaint:c-spoiled");
        assertThat(task(instance).getPriority()).isEqualTo(80);
        resolve(instance, "refund", true, true);
        followUpAndSurvey(instance);
        Job surveyWait = job(instance);
        assertThat(Duration.between(Instant.now(), surveyWait.getDuedate().toInstant())).isCloseTo(Duration.ofDays(3), Duration.ofMinutes(1));
        execute(surveyWait);

        assertThat(instance).isEnded().hasPassed("lower-supplier-score", "suspend-product", "no-answer");
        assertThat(steps).containsExactly("routed:quality/high", "resolution:refund", "score-lowered", "product-suspended",
                "survey-sent", "closed:null");
    }

    @Test
    void anOverdueCaseIsEscalatedToTheSupervisors() {
        ProcessInstance instance = startCase("late", 80.0, 11L, 7L);
        Job sla = job(instance);
        assertThat(Duration.between(Instant.now(), sla.getDuedate().toInstant())).isCloseTo(Duration.ofHours(24), Duration.ofMinutes(1));

        execute(sla);

        assertThat(instance).isWaitingAt("supervise-case").task().hasCandidateGroup("after-sales-supervisors")
                .hasName("Overdue: resolve logistics case douyin:complaint:c-late");
        resolve(instance, "replace", true, false);
        followUpAndSurvey(instance);
        execute(job(instance));
        assertThat(instance).isEnded().hasPassed("sla-breached", "escalate-case", "supervise-case").hasNotPassed("lower-supplier-score");
        assertThat(steps).containsExactly("routed:logistics/normal", "escalated", "resolution:replace", "survey-sent", "closed:null");
    }

    @Test
    void highPriorityCasesHaveAShorterSla() {
        ProcessInstance instance = startCase("foreign-object", 10.0, null, null);

        assertThat(Duration.between(Instant.now(), job(instance).getDuedate().toInstant())).isCloseTo(Duration.ofHours(4), Duration.ofMinutes(1));
    }

    @Test
    void aConfirmedMisdescriptionCostsTheSupplierButNeverSuspends() {
        ProcessInstance instance = startCase("not-as-described", 120.0, 11L, 7L);

        resolve(instance, "refund", true, true);

        assertThat(instance).hasPassed("lower-supplier-score").hasNotPassed("suspend-product").isWaitingAt("follow-up");
        assertThat(steps).containsExactly("routed:misdescription/normal", "resolution:refund", "score-lowered");
    }

    @Test
    void anUnjustifiedComplaintOrAnUnknownSupplierLeavesTheScoreAlone() {
        ProcessInstance unjustified = startCase("defective", 250.0, 11L, 7L);
        ProcessInstance unknownSupplier = startCase("rotten", 20.0, null, null);

        resolve(unjustified, "explain", false, false);
        resolve(unknownSupplier, "refund", true, true);

        assertThat(unjustified).hasNotPassed("lower-supplier-score").isWaitingAt("follow-up");
        assertThat(unknownSupplier).hasNotPassed("lower-supplier-score").isWaitingAt("follow-up");
        assertThat(steps).startsWith("routed:quality/high", "routed:quality/normal").doesNotContain("score-lowered");
    }

    @Test
    void aRefusedResolutionGoesToAPersonWhoSendsItAgain() {
        resolutionRefusals.set(1);
        ProcessInstance instance = startCase("damaged", 59.0, 11L, 7L);

        resolve(instance, "refund", false, false);

        assertThat(instance).isWaitingAt("resolve-by-hand").task().hasCandidateGroup("after-sales");
        assertThat(runtimeService().getVariable(instance.getId(), "platformAnswer").toString()).contains("ticket already closed");
        complete(task(instance), withVariables("handOutcome", "retry"));
        execute(job(instance));
        assertThat(instance).isWaitingAt("follow-up").hasPassed("resolve-by-hand");
        assertThat(steps).containsExactly("routed:quality/normal", "resolution:refund");
    }

    @Test
    void aRefusedResolutionCanBeSettledOnThePlatformByHand() {
        resolutionRefusals.set(1);
        ProcessInstance instance = startCase("damaged", 59.0, 11L, 7L);

        resolve(instance, "refund", true, false);
        complete(task(instance), withVariables("handOutcome", "by-hand", "manualReference", "DY-TICKET-9"));

        assertThat(instance).isWaitingAt("follow-up").hasPassed("record-manual-resolution", "lower-supplier-score");
        assertThat(steps).containsExactly("routed:quality/normal", "manual-resolution", "score-lowered");
    }

    @Test
    void aSurveyThePlatformCannotSendClosesTheCaseWithoutAnAnswer() {
        surveyRefused = true;
        ProcessInstance instance = startCase("wrong-item", 15.0, 11L, 7L);

        resolve(instance, "replace", false, false);
        followUpAndSurvey(instance);

        assertThat(instance).isEnded().hasPassed("survey-refused", "record-survey-result").hasNotPassed("await-answer");
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void customerUpdatesAreNotedWhileTheCaseGoesOn() {
        ProcessInstance instance = startCase("late", 10.0, null, null);

        runtimeService().createMessageCorrelation("after-sales-complaint-updated").processInstanceBusinessKey(instance.getBusinessKey())
                .setVariable("latestCustomerUpdate", "Still nothing arrived").correlate();
        runtimeService().createMessageCorrelation("after-sales-complaint-updated").processInstanceBusinessKey(instance.getBusinessKey())
                .correlate();

        assertThat(instance).isWaitingAt("handle-case").variables().containsEntry("latestCustomerUpdate", "Still nothing arrived");
        assertThat(steps).containsExactly("routed:logistics/normal", "customer-update", "customer-update");
    }

    @Test
    void theRoutingDecisionCoversEveryKindOfProblem() {
        record Expect(String reason, double amount, String category, String priority) {
        }
        for (Expect e : List.of(new Expect("spoiled", 1, "quality", "high"), new Expect("damaged", 199.99, "quality", "normal"),
                new Expect("damaged", 200, "quality", "high"), new Expect("fake", 1000, "misdescription", "normal"),
                new Expect("damaged-in-transit", 10, "logistics", "normal"), new Expect("refund", 600, "other", "normal"),
                new Expect("changed-my-mind", 20, "other", "low"))) {
            var result = engine.getProcessEngine().getDecisionService().evaluateDecisionTableByKey("after-sales-routing",
                    Map.of("reasonCode", e.reason(), "orderAmount", e.amount())).getSingleResult();
            assertThat(result.getEntryMap()).as(e.toString()).containsEntry("category", e.category()).containsEntry("priority", e.priority());
        }
    }

}
