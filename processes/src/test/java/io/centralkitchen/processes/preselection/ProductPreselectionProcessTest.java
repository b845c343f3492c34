package io.centralkitchen.processes.preselection;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

/**
 * Every path through {@code product-preselection}, on an in-memory engine with the real model, the real DMN and
 * the real forms. The steps (delegates, task listeners) are stand-ins that answer as the dossier would; the real
 * steps run in {@link PreselectionEndToEndTest}. Coverage of every flow is asserted and reported in
 * {@code target/process-test-coverage/}.
 */
@Deployment(resources = {"bpmn/product-preselection.bpmn", "dmn/product-eligibility.dmn", "forms/preselection-quality-review.form",
        "forms/preselection-claims-revision.form", "forms/preselection-editor-approval.form"})
class ProductPreselectionProcessTest {

    static final Map<Object, Object> STEPS = new HashMap<>();

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder(inMemoryEngine())
            .assertClassCoverageAtLeast(1.0).build();

    // What the stand-in steps answer and what they saw.
    int qualityScore;
    boolean publicWelfare;
    final Deque<Boolean> evidenceCompleteAnswers = new ArrayDeque<>();
    final Deque<Boolean> claimsClearedAnswers = new ArrayDeque<>();
    final List<String> rejections = new ArrayList<>();
    final List<String> approvals = new ArrayList<>();
    final List<String> evidenceRequests = new ArrayList<>();
    final List<String> preparedTasks = new ArrayList<>();

    static ProcessEngineConfigurationImpl inMemoryEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new ProcessCoverageInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("preselection-path-test");
        configuration.setJdbcUrl("jdbc:h2:mem:preselection-path-test;DB_CLOSE_DELAY=1000");
        configuration.setJobExecutorActivate(false);
        configuration.setHistory("full");
        configuration.setEnforceHistoryTimeToLive(true);
        configuration.setBeans(STEPS);
        return configuration;
    }

    @BeforeEach
    void standInSteps() {
        init(engine.getProcessEngine());
        qualityScore = 80;
        publicWelfare = false;
        step("supplierStanding", execution -> {
            execution.setVariable("qualityScore", qualityScore);
            execution.setVariable("publicWelfare", publicWelfare);
        });
        step("recordEligibility", execution -> execution.setVariable("evidenceDeadline", new Date(System.currentTimeMillis() + 86_400_000L)));
        step("checkEvidence", execution -> {
            boolean complete = evidenceCompleteAnswers.isEmpty() || evidenceCompleteAnswers.pop();
            execution.setVariable("evidenceComplete", complete);
            execution.setVariable("missingEvidence", complete ? "" : "INSPECTION_REPORT");
        });
        step("requestMissingEvidence", execution -> evidenceRequests.add(execution.getVariable("missingEvidence").toString()));
        step("claimsCheck", execution -> {
            boolean cleared = claimsClearedAnswers.isEmpty() || claimsClearedAnswers.pop();
            execution.setVariable("claimsCleared", cleared);
            execution.setVariable("claimsHitSummary", cleared ? "" : "- **最佳** rule ABS-ZUI");
        });
        step("approveProduct", execution -> approvals.add((String) execution.getVariable("sellingPoints")));
        step("rejectSubmission", execution -> rejections.add((String) execution.getVariable("rejectionReason")));
        STEPS.put("dossierForTask", (TaskListener) task -> preparedTasks.add(task.getTaskDefinitionKey() + ":" + task.getEventName()));
        STEPS.put("recordQualityReview", (TaskListener) ProductPreselectionProcessTest::standInQualityReview);
    }

    @Test
    void eligibleFoodIsReviewedByTwoReviewersCheckedAndApproved() {
        ProcessInstance instance = submit("FOOD");

        assertThat(instance).isWaitingAt("reviewQuality").hasPassed("decideEligibility", "checkEvidence");
        assertThat(runtimeService().getVariable(instance.getId(), "requiredEvidence")).isEqualTo("BUSINESS_LICENCE,FOOD_LICENCE,INSPECTION_REPORT");
        List<Task> reviews = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey("reviewQuality").list();
        assertThat(reviews).hasSize(2).allSatisfy(t -> assertThat(t.getPriority()).isEqualTo(50));
        assertThat(reviews.get(0).getName()).isEqualTo("Review quality: Black tea");
        completeQualityReview(reviews.get(0), "reviewer-a", "approve");
        assertThat(instance).isWaitingAt("reviewQuality");
        completeQualityReview(reviews.get(1), "reviewer-b", "approve");

        assertThat(instance).isWaitingAt("approveForAir").hasPassed("checkClaims").hasNotPassed("reviseClaims");
        completeAs(task(instance), "editor-a", Variables.putValue("editorDecision", "approve"));

        assertThat(instance).isEnded().hasPassed("approveProduct", "productApproved");
        assertThat(approvals).containsExactly("这款红茶香气浓郁");
        assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
        assertThat(preparedTasks).contains("reviewQuality:create", "reviewQuality:assignment", "approveForAir:create");
    }

    @Test
    void generalGoodsOfAPublicWelfareSupplierNeedOneReviewerAndComeFirst() {
        publicWelfare = true;
        ProcessInstance instance = submit("GENERAL");

        List<Task> reviews = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey("reviewQuality").list();
        assertThat(reviews).hasSize(1);
        assertThat(reviews.get(0).getPriority()).isEqualTo(90);
        completeQualityReview(reviews.get(0), "reviewer-a", "approve");
        assertThat(instance).isWaitingAt("approveForAir");
    }

    @Test
    void supplierBelowTheQualityThresholdIsRejected() {
        qualityScore = 35;
        ProcessInstance instance = submit("FOOD");

        assertThat(instance).isEnded().hasPassed("rejectNotAdmitted", "rejectedNotAdmitted").hasNotPassed("checkEvidence");
        assertThat(rejections).singleElement().asString().contains("Quality score below 40");
    }

    @Test
    void missingEvidenceIsRequestedAndTheReviewStartsWhenItIsSupplied() {
        evidenceCompleteAnswers.addAll(List.of(false, true));
        ProcessInstance instance = submit("FOOD");

        assertThat(instance).isWaitingAt("awaitEvidence").hasPassed("requestEvidence");
        assertThat(evidenceRequests).containsExactly("INSPECTION_REPORT");
        runtimeService().createMessageCorrelation(SubmissionService.EVIDENCE_SUPPLIED).processInstanceId(instance.getId()).correlate();

        assertThat(instance).isWaitingAt("reviewQuality");
        assertThat(job()).isNull();
    }

    @Test
    void evidenceStillMissingWhenTheDeadlinePassesRejectsTheSubmission() {
        evidenceCompleteAnswers.add(false);
        ProcessInstance instance = submit("FARM_PRODUCE");
        assertThat(instance).isWaitingAt("awaitEvidence");

        execute(job());

        assertThat(instance).isEnded().hasPassed("rejectEvidenceMissing", "rejectedEvidenceMissing").hasNotPassed("reviewQuality");
        assertThat(rejections).singleElement().asString().contains("still missing: INSPECTION_REPORT");
    }

    @Test
    void oneReviewerRejectingEndsTheReviewAndRejectsTheProduct() {
        ProcessInstance instance = submit("FOOD");
        List<Task> reviews = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey("reviewQuality").list();
        completeQualityReview(reviews.get(0), "reviewer-a", "approve");

        completeQualityReview(reviews.get(1), "reviewer-b", "reject");

        assertThat(instance).isEnded().hasPassed("rejectQuality", "rejectedQuality").hasNotPassed("checkClaims");
        assertThat(rejections).singleElement().asString().contains("reviewer-b");
    }

    @Test
    void aFirstRejectionCancelsTheSecondReview() {
        ProcessInstance instance = submit("HEALTH_FOOD");
        List<Task> reviews = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey("reviewQuality").list();

        completeQualityReview(reviews.get(0), "reviewer-a", "reject");

        assertThat(instance).isEnded().hasPassed("rejectedQuality");
        assertThat(taskQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void claimsHitsGoToAnEditorWhoRewritesThemAndTheRewriteIsCheckedAgain() {
        claimsClearedAnswers.addAll(List.of(false, true));
        ProcessInstance instance = submit("ELECTRICAL");
        completeQualityReview(task(instance), "reviewer-a", "approve");

        assertThat(instance).isWaitingAt("reviseClaims");
        Task revise = task(instance);
        assertThat(revise.getTaskDefinitionKey()).isEqualTo("reviseClaims");
        completeAs(revise, "editor-a", Variables.putValue("sellingPoints", "香气浓郁"));

        assertThat(instance).isWaitingAt("approveForAir");
        assertThat(runtimeService().getVariable(instance.getId(), "sellingPoints")).isEqualTo("香气浓郁");
        completeAs(task(instance), "editor-a", Variables.putValue("editorDecision", "approve"));
        assertThat(instance).isEnded().hasPassed("productApproved");
        assertThat(approvals).containsExactly("香气浓郁");
    }

    @Test
    void editorRejectsWithAReason() {
        ProcessInstance instance = submit("ELECTRICAL");
        completeQualityReview(task(instance), "reviewer-a", "approve");

        completeAs(task(instance), "editor-a", Variables.putValue("editorDecision", "reject").putValue("editorComment", "Not for a family show"));

        assertThat(instance).isEnded().hasPassed("rejectByEditor", "rejectedByEditor").hasNotPassed("approveProduct");
        assertThat(rejections).containsExactly("Not approved for air: Not for a family show");
    }

    @Test
    void aReReviewStartsAtTheMessageStartAndRunsTheWholeReviewAgain() {
        evidenceCompleteAnswers.add(false);
        ProcessInstance instance = runtimeService().createMessageCorrelation(SubmissionService.RE_REVIEW_REQUESTED)
                .processInstanceBusinessKey("submission-re-review").setVariables(startVariables("FOOD")
                        .putValue("reReviewReason", "Evidence not valid on the show date: INSPECTION_REPORT"))
                .correlateStartMessage();

        assertThat(instance).hasPassed("reReviewRequested", "decideEligibility").isWaitingAt("awaitEvidence");
        assertThat(evidenceRequests).containsExactly("INSPECTION_REPORT");
    }

    // ---------------------------------------------------------------- helpers

    private ProcessInstance submit(String category) {
        return runtimeService().startProcessInstanceByKey("product-preselection", "submission-" + category, startVariables(category));
    }

    private static VariableMap startVariables(String category) {
        return Variables.createVariables().putValue("submissionId", 1L).putValue("productId", 2L).putValue("supplierId", 3L)
                .putValue("productName", "Black tea").putValue("supplierName", "Hengshan Tea Co-op").putValue("category", category)
                .putValue("evidenceWait", "P14D").putValue("sellingPoints", "这款红茶香气浓郁").putValue("scriptLines", "");
    }

    private static Task task(ProcessInstance instance) {
        return taskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private static void completeQualityReview(Task task, String reviewer, String decision) {
        completeAs(task, reviewer, Variables.putValue("qualityDecision", decision).putValue("sampleResult", "PASS")
                .putValue("qualityComment", "reject".equals(decision) ? "Label does not match the licence" : null));
    }

    private static void completeAs(Task task, String user, Map<String, Object> variables) {
        engine.getProcessEngine().getTaskService().claim(task.getId(), user);
        engine.getProcessEngine().getTaskService().complete(task.getId(), variables);
    }

    /** What {@code recordQualityReview} does to the process: a refusal ends the review for everyone. */
    private static void standInQualityReview(DelegateTask task) {
        if ("reject".equals(task.getVariable("qualityDecision"))) {
            task.getExecution().getProcessInstance().setVariable("qualityRejected", true);
            task.getExecution().getProcessInstance().setVariable("qualityRejectionReason", "Quality review by " + task.getAssignee());
        }
    }

    private void step(String name, JavaDelegate delegate) {
        STEPS.put(name, delegate);
    }
}
