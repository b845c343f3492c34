package io.centralkitchen.processes.show;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * Every path through {@code live-show}: pre-flight passing or failing (check again, go live anyway, cancel); products
 * put on air from the "On air" task, each sending its cues on a branch of its own, a repeated start sending nothing; a
 * platform refusing a cue; destination alarms and a lost studio feed as the live watch reports them (closing
 * themselves when the trouble is over, or handled by a producer); the end of the show ending everything still open.
 */
@Deployment(resources = {"bpmn/live-show.bpmn", "forms/show-on-air.form", "forms/show-preflight-failed.form",
        "forms/show-destination-alarm.form", "forms/show-ingest-lost.form", "forms/show-platform-refused.form"})
class LiveShowModelTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("show-model.cfg.xml")
            .assertClassCoverageAtLeast(1.0).build();

    final List<String> steps = new ArrayList<>();
    final Set<Integer> onAir = new HashSet<>();
    final AtomicInteger preflightFailures = new AtomicInteger();
    int cueRefusals;

    @BeforeEach
    void stepsRecordTheirCalls() {
        init(engine.getProcessEngine());
        Mocks.register("preflight", (JavaDelegate) e -> {
            if (preflightFailures.getAndDecrement() > 0) {
                throw new BpmnError(ShowProcesses.PREFLIGHT_FAILED, "- Destination douyin (rtmp://push.example/…/****a1b2) cannot be reached");
            }
            steps.add("preflight ok");
        });
        Mocks.register("startSimulcast", (JavaDelegate) e -> {
            steps.add("on air");
            e.setVariable("liveOutcome", "aired");
        });
        Mocks.register("cancelShow", (JavaDelegate) e -> {
            steps.add("cancelled");
            e.setVariable("liveOutcome", "cancelled");
        });
        Mocks.register("onAirForTask", (TaskListener) t -> t.setVariableLocal("onAirSummary", "..."));
        Mocks.register("startSlot", (JavaDelegate) e -> {
            Object asked = e.getVariable(ShowProcesses.SLOT_POSITION);
            int position = asked == null ? onAir.size() + 1 : ((Number) asked).intValue();
            e.removeVariable(ShowProcesses.SLOT_POSITION);
            e.setVariable("slotId", 100L + position);
            e.setVariable("firstOnAir", onAir.add(position));
        });
        Mocks.register("sendCommerceCues", (JavaDelegate) e -> {
            if (cueRefusals-- > 0) {
                throw new BpmnError(ShowProcesses.PLATFORM_REFUSED, "kuaishou refused the commerce cue: result 400: unknown item");
            }
            steps.add("cues for slot " + e.getVariable("cueSlotId"));
        });
        Mocks.register("removeDestination", (JavaDelegate) e -> steps.add("removed " + e.getVariable("alarmDestination")));
        Mocks.register("endSimulcast", (JavaDelegate) e -> steps.add("sealed"));
    }

    @AfterEach
    void clearMocks() {
        Mocks.reset();
    }

    static ProcessInstance airTime(String showId) {
        ProcessInstance instance = runtimeService().startProcessInstanceByKey("live-show", showId,
                Map.of("showId", showId, "showTitle", "Harvest festival"));
        execute(job(instance)); // pre-flight (asynchronous)
        return instance;
    }

    static void goLive(ProcessInstance instance) {
        execute(job(instance)); // start the simulcast (asynchronous)
    }

    static void action(ProcessInstance instance, String action, Integer position) {
        Task onAir = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey("on-air").singleResult();
        complete(onAir, position == null ? withVariables(ShowProcesses.ON_AIR_ACTION, action)
                : withVariables(ShowProcesses.ON_AIR_ACTION, action, ShowProcesses.SLOT_POSITION, position));
    }

    /** Runs the cue jobs, then the jobs that end their branches. */
    static void sendCues(ProcessInstance instance) {
        jobQuery().processInstanceId(instance.getId()).activityId("send-cues").list().forEach(j -> execute(j));
        jobQuery().processInstanceId(instance.getId()).activityId("cue-branch-done").list().forEach(j -> execute(j));
    }

    @Test
    void productsGoOnAirOneAfterTheOtherEachWithItsCuesThenTheShowEnds() {
        ProcessInstance live = airTime("live-products");
        goLive(live);
        assertThat(live).isWaitingAt("on-air").task().hasCandidateGroup("producers").hasName("On air: Harvest festival");

        action(live, ShowProcesses.NEXT_PRODUCT, null);
        action(live, ShowProcesses.NEXT_PRODUCT, 2);
        assertThat(live).isWaitingAt("on-air", "send-cues");
        assertThat(jobQuery().processInstanceId(live.getId()).activityId("send-cues").count())
                .as("both products' cues wait for the job executor, neither holds up the show").isEqualTo(2);
        sendCues(live);
        action(live, ShowProcesses.NEXT_PRODUCT, 2); // asked again (a redelivered request): nothing is sent twice
        assertThat(jobQuery().processInstanceId(live.getId()).activityId("send-cues").count()).isZero();
        action(live, ShowProcesses.END_SHOW, null);
        execute(job(live)); // sealing the recording (asynchronous)

        assertThat(live).isEnded().hasPassed("show-ended");
        assertThat(runtimeService().createVariableInstanceQuery().processInstanceIdIn(live.getId()).count()).isZero();
        assertThat(steps).startsWith("preflight ok", "on air").endsWith("sealed")
                .contains("cues for slot 101", "cues for slot 102").filteredOn(s -> s.startsWith("cues")).hasSize(2);
    }

    @Test
    void aFailedPreflightIsCheckedAgainThenTheProducerGoesLiveAnyway() {
        preflightFailures.set(2);
        ProcessInstance live = airTime("live-preflight");

        assertThat(live).isWaitingAt("preflight-decision").task().hasCandidateGroup("producers");
        assertThat(runtimeService().getVariable(live.getId(), "preflightProblem")).asString().contains("cannot be reached");
        complete(task(live), withVariables("preflightDecision", "retry"));
        execute(job(live));
        complete(task(live), withVariables("preflightDecision", "go-live"));
        goLive(live);

        assertThat(live).isWaitingAt("on-air");
        assertThat(steps).containsExactly("on air");
    }

    @Test
    void aProducerCancelsTheShowAfterAFailedPreflight() {
        preflightFailures.set(1);
        ProcessInstance live = airTime("live-cancelled");

        complete(task(live), withVariables("preflightDecision", "cancel"));

        assertThat(live).isEnded().hasPassed("cancel-show", "show-cancelled").hasNotPassed("start-simulcast");
        assertThat(steps).containsExactly("cancelled");
    }

    @Test
    void aPlatformRefusingACueIsShownToProducersWithoutStoppingTheShow() {
        cueRefusals = 1;
        ProcessInstance live = airTime("live-cue-refused");
        goLive(live);
        action(live, ShowProcesses.NEXT_PRODUCT, null);

        sendCues(live);

        Task refused = taskQuery().processInstanceId(live.getId()).taskDefinitionKey("cue-refused-task").singleResult();
        assertThat(refused).hasCandidateGroup("producers");
        assertThat(runtimeService().getVariable(refused.getExecutionId(), "platformAnswer")).asString().contains("unknown item");
        complete(refused);
        assertThat(live).isWaitingAt("on-air").hasPassed("cue-refusal-noted");
    }

    @Test
    void destinationAlarmsCloseThemselvesWhenTheDestinationIsBackOrAreHandledByAProducer() {
        ProcessInstance live = airTime("live-alarms");
        goLive(live);

        alarm(live, "douyin", "Douyin at rtmp://push.example/…/****a1b2 is reconnecting after 3 reconnects");
        alarm(live, "bilibili", "Bilibili is circuit open after 10 reconnects");
        alarm(live, "kuaishou", "Kuaishou is reconnecting");
        assertThat(alarmTask(live, "douyin").getName()).isEqualTo("Destination douyin of Harvest festival is failing");
        assertThat(alarmTask(live, "bilibili").getName()).isEqualTo("Destination bilibili of Harvest festival is failing");
        assertThat(taskVariable(alarmTask(live, "douyin"), "alarmDetail")).contains("****a1b2");

        runtimeService().createMessageCorrelation(ShowProcesses.DESTINATION_RECOVERED + "douyin")
                .processInstanceBusinessKey("live-alarms").correlateAllWithResult();
        complete(alarmTask(live, "bilibili"), withVariables("alarmDecision", "remove"));
        complete(alarmTask(live, "kuaishou"), withVariables("alarmDecision", "keep"));

        assertThat(taskQuery().processInstanceId(live.getId()).taskDefinitionKey("destination-alarm-task").count()).isZero();
        assertThat(live).hasPassed("recovered", "destination-removed", "destination-kept").isWaitingAt("on-air");
        assertThat(steps).containsExactly("preflight ok", "on air", "removed bilibili");
        assertThat(runtimeService().getVariables(live.getId())).as("each alarm's details stay in its own scope")
                .doesNotContainKeys("alarmDestination", "alarmDetail");
    }

    @Test
    void aLostStudioFeedClosesItsTaskWhenItIsBackAndTheEndOfTheShowEndsOpenAlarms() {
        ProcessInstance live = airTime("live-feed");
        goLive(live);

        runtimeService().createMessageCorrelation(ShowProcesses.INGEST_LOST).processInstanceBusinessKey("live-feed")
                .setVariablesLocal(Map.of("ingestDetail", "The studio feed stopped")).correlateAllWithResult();
        assertThat(taskQuery().processInstanceId(live.getId()).taskDefinitionKey("ingest-lost-task").singleResult())
                .hasName("Studio feed lost: Harvest festival shows the slate").hasCandidateGroup("producers");
        runtimeService().createMessageCorrelation(ShowProcesses.INGEST_BACK).processInstanceBusinessKey("live-feed").correlateAllWithResult();
        assertThat(live).hasPassed("feed-back");
        runtimeService().createMessageCorrelation(ShowProcesses.INGEST_LOST).processInstanceBusinessKey("live-feed")
                .setVariablesLocal(Map.of("ingestDetail", "No studio feed yet")).correlateAllWithResult();
        complete(taskQuery().processInstanceId(live.getId()).taskDefinitionKey("ingest-lost-task").singleResult());
        assertThat(live).hasPassed("feed-loss-acknowledged");
        runtimeService().createMessageCorrelation(ShowProcesses.INGEST_LOST).processInstanceBusinessKey("live-feed")
                .setVariablesLocal(Map.of("ingestDetail", "The studio feed stopped again")).correlateAllWithResult();
        alarm(live, "douyin", "Douyin is reconnecting");

        action(live, ShowProcesses.END_SHOW, null);
        execute(job(live));

        assertThat(live).isEnded();
        assertThat(taskQuery().processInstanceId(live.getId()).count()).as("open alarms end with the show").isZero();
    }

    static void alarm(ProcessInstance live, String destination, String detail) {
        runtimeService().createMessageCorrelation(ShowProcesses.DESTINATION_ALARM).processInstanceBusinessKey(live.getBusinessKey())
                .setVariablesLocal(Map.of("alarmDestination", destination, "alarmDetail", detail)).correlateAllWithResult();
    }

    static Task alarmTask(ProcessInstance live, String destination) {
        return taskQuery().processInstanceId(live.getId()).taskDefinitionKey("destination-alarm-task").list().stream()
                .filter(t -> destination.equals(runtimeService().getVariable(t.getExecutionId(), "alarmDestination")))
                .findFirst().orElseThrow(() -> new AssertionError("no alarm task for " + destination));
    }

    static String taskVariable(Task task, String name) {
        return String.valueOf(runtimeService().getVariable(task.getExecutionId(), name));
    }
}
