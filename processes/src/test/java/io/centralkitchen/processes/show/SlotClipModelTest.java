package io.centralkitchen.processes.show;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

/**
 * Every path through {@code slot-clip}: the closed slot's recording is not stored yet — it looks again when a segment
 * is stored and when its timer fires — then it is, and the clip is cut and kept; the show ended first (left to the
 * end); the worker cannot use the recording (left to the end).
 */
@Deployment(resources = {"bpmn/slot-clip.bpmn"})
class SlotClipModelTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("show-model.cfg.xml")
            .assertClassCoverageAtLeast(1.0).build();

    final List<String> steps = Collections.synchronizedList(new ArrayList<>());
    final Deque<String> answers = new ArrayDeque<>();

    @BeforeEach
    void stepsRecordTheirCalls() {
        init(engine.getProcessEngine());
        Mocks.register("showTimers", new ShowTimers(new ShowProperties()));
        Mocks.register("checkSlotSegments", (JavaDelegate) e -> {
            String next = answers.isEmpty() ? "leave" : answers.pop();
            steps.add("looked: " + next);
            e.setVariable("slotClipNext", next);
            if (next.equals("cut")) {
                e.setVariable("manifestKey", "station-1/shows/s/clips/7/segments.json");
                e.setVariable("clipInSeconds", 70.0);
                e.setVariable("clipOutSeconds", 250.0);
                e.setVariable("preRollSeconds", 2.0);
                e.setVariable("postRollSeconds", 2.0);
                e.setVariable("copyKey", "station-1/shows/s/clips/7/copy-live.mp4");
            }
        });
        Mocks.register("recordInstantClip", (JavaDelegate) e -> steps.add("kept clip " + e.getVariable("clipId")
                + " starting at " + e.getVariable("instantClipStart")));
    }

    @AfterEach
    void clearMocks() {
        Mocks.reset();
    }

    static ProcessInstance slotClosed() {
        return runtimeService().startProcessInstanceByKey("slot-clip", "s", Map.of("showId", "s", "clipId", 7L));
    }

    static void look(ProcessInstance instance) {
        Job job = jobQuery().processInstanceId(instance.getId()).activityId("check-segments").singleResult();
        execute(job);
    }

    static List<LockedExternalTask> cuts(int expected) {
        List<LockedExternalTask> tasks = externalTaskService().fetchAndLock(10, "test-worker").topic("media.recording-clip", 60_000)
                .variables("manifestKey", "inSeconds", "outSeconds", "preRollSeconds", "postRollSeconds", "outputKey").execute();
        assertThat(tasks).hasSize(expected);
        return tasks;
    }

    @Test
    void itWaitsForTheSegmentsThenCutsTheClipAndKeepsIt() {
        answers.addAll(List.of("wait", "wait", "cut"));
        ProcessInstance instance = slotClosed();
        look(instance);
        assertThat(instance).isWaitingAt("wait");

        runtimeService().createMessageCorrelation(ShowProcesses.SLOT_SEGMENTS_STORED).processInstanceBusinessKey("s").correlateAll();
        look(instance);
        execute(jobQuery().processInstanceId(instance.getId()).timers().singleResult()); // the poll timer
        look(instance);

        LockedExternalTask cut = cuts(1).get(0);
        assertThat(cut.getVariables()).containsEntry("manifestKey", "station-1/shows/s/clips/7/segments.json")
                .containsEntry("inSeconds", 70.0).containsEntry("outSeconds", 250.0).containsEntry("postRollSeconds", 2.0)
                .containsEntry("outputKey", "station-1/shows/s/clips/7/copy-live.mp4");
        externalTaskService().complete(cut.getId(), "test-worker", Map.of("clipStartSeconds", 68.0, "durationSeconds", 184.0));
        assertThat(instance).isEnded().hasPassed("clip-cut");
        assertThat(steps).containsExactly("looked: wait", "looked: wait", "looked: cut", "kept clip 7 starting at 68.0");
    }

    @Test
    void aShowThatEndedFirstLeavesTheClipToTheEnd() {
        answers.add("leave");
        ProcessInstance instance = slotClosed();
        look(instance);
        assertThat(instance).isEnded().hasPassed("left-to-end").hasNotPassed("cut-instant-clip");
    }

    @Test
    void aRecordingTheWorkerCannotUseIsLeftToTheEnd() {
        answers.add("cut");
        ProcessInstance instance = slotClosed();
        look(instance);
        externalTaskService().handleBpmnError(cuts(1).get(0).getId(), "test-worker", "MEDIA_INVALID", "segment damaged");
        assertThat(instance).isEnded().hasPassed("left-to-end").hasNotPassed("record-instant-clip");
    }
}
