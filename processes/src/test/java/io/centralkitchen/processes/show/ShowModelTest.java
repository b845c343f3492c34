package io.centralkitchen.processes.show;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
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
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/**
 * Every path through {@code show} on a small in-memory engine with process test coverage; its call activities are
 * stand-ins (their own models have model tests of their own) and its steps record their calls here. The air-time
 * timer and the after-sales window are fired through the job API.
 */
@Deployment(resources = {"bpmn/show.bpmn", "show-model/warm-up.bpmn", "show-model/live-show.bpmn",
        "show-model/highlight-clipping.bpmn", "forms/show-create.form", "forms/show-rundown.form"})
class ShowModelTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("show-model.cfg.xml")
            .assertClassCoverageAtLeast(1.0).build();

    final List<String> steps = new ArrayList<>();
    final Instant airTime = Instant.now().plus(Duration.ofHours(2));

    @BeforeEach
    void stepsRecordTheirCalls() {
        init(engine.getProcessEngine());
        Mocks.register("prepareShow", (ExecutionListener) e -> steps.add("prepared:" + e.getVariable("showId")));
        Mocks.register("rundownForTask", (TaskListener) t -> steps.add("rundown shown"));
        Mocks.register("saveRundown", (TaskListener) t -> steps.add("rundown saved"));
        Mocks.register("showStates", new States(steps));
        Mocks.register("showTimers", new ShowTimers(new ShowProperties()));
        Mocks.register("compileShowReport", (JavaDelegate) e -> steps.add("reported"));
    }

    /** Stands in for {@link ShowStates} (the expression calls a public method of a public class). */
    public static final class States {
        private final List<String> steps;

        States(List<String> steps) {
            this.steps = steps;
        }

        public void enter(DelegateExecution execution, String state) {
            steps.add("state:" + state);
        }
    }

    @AfterEach
    void clearMocks() {
        Mocks.reset();
    }

    ProcessInstance plan(String showId, String liveOutcome) {
        ProcessInstance instance = runtimeService().startProcessInstanceByKey("show", showId, Map.of("showId", showId,
                "stationId", "station-1", "showTitle", "Harvest festival", "airTime", Date.from(airTime), "stubOutcome", liveOutcome));
        execute(job(instance)); // the start is asynchronous after the show is stored
        return instance;
    }

    Job airTimer(ProcessInstance instance) {
        return managementService().createJobQuery().processInstanceId(instance.getId()).activityId("air-time").singleResult();
    }

    @Test
    void aShowWarmsUpWhileItsRundownStaysOpenThenAirsIsClippedAndReported() {
        ProcessInstance show = plan("show-aired", "aired");

        assertThat(show).isWaitingAt("warm-up", "change-rundown");
        assertThat(task("change-rundown", show)).hasCandidateGroup("producers").hasName("Change the rundown of Harvest festival");
        complete(task("change-rundown", show));
        assertThat(show).isWaitingAt("warm-up", "change-rundown"); // a new task: the rundown stays open until air
        complete(task("warm-up-running", calledProcessInstance("warm-up", show)));
        assertThat(show).isWaitingAt("change-rundown").hasPassed("warmed-up");
        Job air = airTimer(show);
        assertThat(air.getDuedate().toInstant()).isEqualTo(airTime.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        execute(air);

        assertThat(show).isWaitingAt("clip-highlights").hasPassed("go-live", "aired");
        complete(task("clipping-running", calledProcessInstance("highlight-clipping", show)));
        Job window = job(show);
        assertThat(Duration.between(Instant.now(), window.getDuedate().toInstant())).isCloseTo(Duration.ofDays(14), Duration.ofMinutes(1));
        execute(window);
        assertThat(show).isEnded().hasPassed("compile-report", "show-reported");
        assertThat(steps).containsExactly("prepared:show-aired", "state:WARMING_UP", "rundown shown", "rundown saved", "rundown shown",
                "state:CLIPPING", "state:AFTER_SALES", "reported");
    }

    @Test
    void airTimeEndsAWarmUpThatIsStillRunning() {
        ProcessInstance show = plan("show-warm-up-cut-short", "aired");
        ProcessInstance warmUp = calledProcessInstance("warm-up", show);

        execute(airTimer(show));

        assertThat(warmUp).isEnded();
        assertThat(show).isWaitingAt("clip-highlights").hasNotPassed("warmed-up");
    }

    @Test
    void aCancelledShowIsNeitherClippedNorReported() {
        ProcessInstance show = plan("show-cancelled", "cancelled");

        execute(airTimer(show));

        assertThat(show).isEnded().hasPassed("show-cancelled").hasNotPassed("clip-highlights", "compile-report");
        assertThat(steps).doesNotContain("state:CLIPPING", "reported");
    }
}
