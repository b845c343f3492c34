package io.centralkitchen.processes.show;

import io.centralkitchen.processes.show.clips.ShowClipProfiles;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * Every path through {@code highlight-clipping}, two product slots at once (the media worker played through the
 * external-task API with different answers per clip, so a variable shared between the parallel clips would show):
 * approved and published; trimmed, rendered again, dropped; a recording, rendition or trim the worker cannot use; a
 * platform refusing the clip; a show without a recording.
 */
@Deployment(resources = {"bpmn/highlight-clipping.bpmn", "forms/show-clip-review.form", "forms/show-platform-refused.form"})
class HighlightClippingModelTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("show-model.cfg.xml")
            .assertClassCoverageAtLeast(1.0).build();

    final List<String> steps = Collections.synchronizedList(new ArrayList<>());
    String clipIds = "7,8";
    /** Clips slot-clip cut while the show went on, from the span planned now. */
    java.util.Set<Integer> cutWhileLive = java.util.Set.of();
    String markRenditionsOf7 = "";
    int publishRefusals;

    /** What the model asks {@code clipMarks} for a rendition of a platform's own mark (the real one reads its table). */
    public static class Marks {
        public String profile(Object execution, Object id) {
            return "vertical-" + id;
        }

        public String fit(Object execution, Object id) {
            return "layout";
        }

        public String outputKey(Object execution, Object id) {
            return "clips/mark-" + id;
        }

        public String watermark(Object execution, Object id) {
            return "Mark " + id;
        }

        public String corner(Object execution, Object id) {
            return "bottom-left";
        }

        public String image(Object execution, Object id) {
            return null;
        }
    }

    @BeforeEach
    void stepsRecordTheirCalls() {
        init(engine.getProcessEngine());
        Mocks.register("showLists", new ShowLists());
        Mocks.register("showClipProfiles", new ShowClipProfiles(new ShowProperties()));
        Mocks.register("clipMarks", new Marks());
        Mocks.register("planClips", (JavaDelegate) e -> {
            e.setVariable("clipIds", clipIds);
            e.setVariable("manifestKey", "station-1/shows/s/recording/r/manifest.json");
            e.setVariable("preRollSeconds", 2.0);
            e.setVariable("postRollSeconds", 2.0);
        });
        Mocks.register("prepareClip", (JavaDelegate) e -> {
            Object id = e.getVariable("clipId");
            e.setVariable("productName", "Product " + id);
            e.setVariable("clipInSeconds", ((Number) id).doubleValue() * 10);
            e.setVariable("clipOutSeconds", ((Number) id).doubleValue() * 10 + 8);
            for (String kind : new String[]{"copy", "vertical", "landscape", "cover"}) {
                e.setVariable(kind + "Key", "clips/" + id + "/" + kind);
            }
            e.setVariable("trimRound", 0);
            boolean ready = cutWhileLive.contains(((Number) id).intValue());
            e.setVariable("instantClipReady", ready);
            if (ready) {
                e.setVariable("currentClipKey", "clips/" + id + "/copy-live");
                e.setVariable("instantClipStart", 1.0);
                e.setVariable("clipDurationSeconds", 12.4);
            }
            e.setVariable("markRenditionIds", ((Number) id).intValue() == 7 ? markRenditionsOf7 : "");
        });
        Mocks.register("recordInstantClip", (JavaDelegate) e -> {
            steps.add("clip " + e.getVariable("clipId") + " starts at " + e.getVariable("instantClipStart"));
            e.setVariable("currentClipKey", e.getVariable("copyKey"));
        });
        Mocks.register("recordClipFailure", (JavaDelegate) e -> steps.add("clip " + e.getVariable("clipId") + " failed: " + e.getVariable("clipFailure")));
        Mocks.register("recordRenditions", (JavaDelegate) e -> steps.add("clip " + e.getVariable("clipId") + " rendered from " + e.getVariable("currentClipKey")));
        Mocks.register("clipForReview", (TaskListener) t -> t.setVariableLocal("clipSummary", "..."));
        Mocks.register("checkClipReview", (TaskListener) t -> {
        });
        Mocks.register("recordClipDecision", (JavaDelegate) e -> {
            if ("trim".equals(e.getVariable("clipDecision"))) {
                int round = ((Number) e.getVariable("trimRound")).intValue() + 1;
                e.setVariable("trimRound", round);
                e.setVariable("trimKey", "clips/" + e.getVariable("clipId") + "/trim-" + round);
            } else {
                steps.add("clip " + e.getVariable("clipId") + " " + e.getVariable("clipDecision"));
            }
        });
        Mocks.register("recordTrim", (JavaDelegate) e -> {
            steps.add("clip " + e.getVariable("clipId") + " trimmed to " + e.getVariable("clipDurationSeconds") + " s");
            e.setVariable("currentClipKey", e.getVariable("trimKey"));
            e.setVariable("clipDecision", null);
        });
        Mocks.register("publishClip", (JavaDelegate) e -> {
            if (publishRefusals-- > 0) {
                throw new BpmnError(ShowProcesses.PLATFORM_REFUSED, "bilibili refused the clip: code 21003: duplicate");
            }
            steps.add("clip " + e.getVariable("clipId") + " published");
        });
    }

    @AfterEach
    void clearMocks() {
        Mocks.reset();
    }

    static ProcessInstance clipping() {
        return runtimeService().startProcessInstanceByKey("highlight-clipping", "show-" + System.nanoTime(), Map.of("showId", "s"));
    }

    /** The media worker's jobs of one topic, each answered by {@code answer} (its variables by clip). */
    static List<LockedExternalTask> work(String topic, int expected) {
        List<LockedExternalTask> tasks = externalTaskService().fetchAndLock(10, "test-worker").topic(topic, 60_000)
                .variables("sourceKey", "outputKey", "inSeconds", "outSeconds", "preRollSeconds", "profile", "toSeconds", "manifestKey",
                        "watermark", "watermarkCorner", "fit")
                .execute();
        assertThat(tasks).hasSize(expected);
        return tasks;
    }

    static void done(LockedExternalTask task, Map<String, Object> variables) {
        externalTaskService().complete(task.getId(), "test-worker", variables);
    }

    static void cutAndRender(int clips) {
        for (LockedExternalTask cut : work("media.recording-clip", clips)) {
            assertThat(cut.getVariables()).containsEntry("manifestKey", "station-1/shows/s/recording/r/manifest.json")
                    .containsEntry("preRollSeconds", 2.0);
            double in = ((Number) cut.getVariables().get("inSeconds")).doubleValue();
            done(cut, Map.of("outputKey", cut.getVariables().get("outputKey"), "clipStartSeconds", in - 2.4,
                    "durationSeconds", 12.4, "segmentsRead", 4));
        }
        render(clips);
    }

    static void render(int clips) {
        for (LockedExternalTask t : work("media.transcode", 2 * clips)) {
            done(t, Map.of("outputKey", t.getVariables().get("outputKey"), "durationSeconds", 12.4, "width", 360, "height", 640));
        }
        for (LockedExternalTask t : work("media.cover", clips)) {
            assertThat(((Number) t.getVariables().get("toSeconds")).doubleValue()).isLessThan(12.4);
            done(t, Map.of("outputKey", t.getVariables().get("outputKey"), "coverAtSeconds", 3.2));
        }
    }

    static Task review(ProcessInstance instance, String productName) {
        return taskQuery().processInstanceId(instance.getId()).taskDefinitionKey("review-clip").taskName("Review the clip of " + productName)
                .singleResult();
    }

    static void publish(ProcessInstance instance) {
        jobQuery().processInstanceId(instance.getId()).activityId("publish-clip").list().forEach(j -> execute(j));
    }

    /** Runs the jobs where parallel work meets: the renditions' join, a clip's instance ending. */
    static void settle(ProcessInstance instance) {
        for (String activity : new String[]{"renditions-join", "clip-dropped", "clip-failed", "clip-refusal-noted"}) {
            jobQuery().processInstanceId(instance.getId()).activityId(activity).list().forEach(j -> execute(j));
        }
    }

    @Test
    void twoClipsAtOnceOneApprovedAndPublishedTheOtherTrimmedReviewedAgainAndDropped() {
        ProcessInstance instance = clipping();
        cutAndRender(2);
        settle(instance);
        Task first = review(instance, "Product 7");
        assertThat(first).hasCandidateGroup("marketers");

        complete(first, withVariables("clipDecision", "approve"));
        publish(instance);
        complete(review(instance, "Product 8"), withVariables("clipDecision", "trim", "trimInSeconds", 1.5, "trimOutSeconds", 9.0));
        LockedExternalTask trim = work("media.smartcut", 1).get(0);
        assertThat(trim.getVariables()).containsEntry("sourceKey", "clips/8/copy").containsEntry("inSeconds", 1.5)
                .containsEntry("outSeconds", 9.0).containsEntry("outputKey", "clips/8/trim-1");
        done(trim, Map.of("outputKey", "clips/8/trim-1", "durationSeconds", 7.5, "clipStartSeconds", 1.5, "reencodedSeconds", 0.9));
        render(1);
        settle(instance);
        complete(review(instance, "Product 8"), withVariables("clipDecision", "drop"));
        settle(instance);

        assertThat(instance).isEnded().hasPassed("clip-published", "clip-dropped", "record-trim");
        assertThat(steps).contains("clip 7 starts at 67.6", "clip 8 starts at 77.6", "clip 7 approve", "clip 7 published",
                "clip 8 trimmed to 7.5 s", "clip 8 rendered from clips/8/trim-1", "clip 8 drop");
        assertThat(runtimeService().createVariableInstanceQuery().count()).isZero();
    }

    @Test
    void whatTheMediaWorkerCannotUseFailsThatClipOnlyAndABadTrimGoesBackToTheReview() {
        clipIds = "7,8,9";
        ProcessInstance instance = clipping();
        List<LockedExternalTask> cuts = work("media.recording-clip", 3);
        externalTaskService().handleBpmnError(cuts.get(0).getId(), "test-worker", "MEDIA_INVALID",
                "Nothing was recorded between 00:01:10.000 and 00:01:18.000 of program time", Map.of("mediaError", "nothing recorded"));
        for (LockedExternalTask cut : cuts.subList(1, 3)) {
            done(cut, Map.of("outputKey", cut.getVariables().get("outputKey"), "clipStartSeconds", 1.0, "durationSeconds", 12.4));
        }
        List<LockedExternalTask> renditions = work("media.transcode", 4);
        externalTaskService().handleBpmnError(renditions.get(0).getId(), "test-worker", "MEDIA_INVALID", "corrupt clip");
        renditions.stream().skip(1).filter(t -> !String.valueOf(t.getVariables().get("sourceKey"))
                        .equals(renditions.get(0).getVariables().get("sourceKey")))
                .forEach(t -> done(t, Map.of("outputKey", t.getVariables().get("outputKey"))));
        for (LockedExternalTask t : work("media.cover", 1)) {
            done(t, Map.of("outputKey", t.getVariables().get("outputKey")));
        }
        settle(instance);
        Task left = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey("review-clip").singleResult();
        complete(left, withVariables("clipDecision", "trim", "trimInSeconds", 0.0, "trimOutSeconds", 3.0));
        externalTaskService().handleBpmnError(work("media.smartcut", 1).get(0).getId(), "test-worker", "MEDIA_INVALID",
                "The time range lies outside the media");

        Task again = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey("review-clip").singleResult();
        assertThat(runtimeService().getVariable(again.getExecutionId(), "clipFailure")).isEqualTo("The time range lies outside the media");
        complete(again, withVariables("clipDecision", "drop"));
        settle(instance);
        assertThat(instance).isEnded().hasPassed("clip-failed", "trim-invalid", "clip-dropped");
        assertThat(steps).contains("clip 7 failed: Nothing was recorded between 00:01:10.000 and 00:01:18.000 of program time")
                .anyMatch(s -> s.endsWith(" failed: corrupt clip")).filteredOn(s -> s.contains("failed")).hasSize(2);
    }

    @Test
    void aPlatformRefusingTheClipIsShownToMarketers() {
        clipIds = "7";
        publishRefusals = 1;
        ProcessInstance instance = clipping();
        cutAndRender(1);
        settle(instance);
        complete(review(instance, "Product 7"), withVariables("clipDecision", "approve"));

        publish(instance);

        Task refused = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey("clip-refused-task").singleResult();
        assertThat(refused).hasCandidateGroup("marketers").hasName("A platform refused the clip of Product 7");
        assertThat(runtimeService().getVariable(refused.getExecutionId(), "platformAnswer")).asString().contains("duplicate");
        complete(refused);
        settle(instance);
        assertThat(instance).isEnded().hasPassed("clip-refusal-noted");
    }

    @Test
    void aClipCutWhileTheShowWentOnIsNotCutAgain() {
        cutWhileLive = java.util.Set.of(7);
        ProcessInstance instance = clipping();

        List<LockedExternalTask> cuts = work("media.recording-clip", 1);
        assertThat(cuts.get(0).getVariables()).containsEntry("outputKey", "clips/8/copy");
        done(cuts.get(0), Map.of("outputKey", "clips/8/copy", "clipStartSeconds", 77.6, "durationSeconds", 12.4));
        List<LockedExternalTask> renditions = work("media.transcode", 4);
        assertThat(renditions).extracting(t -> t.getVariables().get("sourceKey")).contains("clips/7/copy-live", "clips/8/copy");
        renditions.forEach(t -> done(t, Map.of("outputKey", t.getVariables().get("outputKey"))));
        work("media.cover", 2).forEach(t -> done(t, Map.of("outputKey", t.getVariables().get("outputKey"))));
        settle(instance);

        assertThat(review(instance, "Product 7")).isNotNull();
        assertThat(steps).contains("clip 7 rendered from clips/7/copy-live", "clip 8 starts at 77.6")
                .noneMatch(s -> s.startsWith("clip 7 starts"));
    }

    @Test
    void aClipGetsOneMoreRenditionPerPlatformMarkAndATrimRendersThemAgain() {
        clipIds = "7";
        markRenditionsOf7 = "11,12";
        ProcessInstance instance = clipping();
        List<LockedExternalTask> cuts = work("media.recording-clip", 1);
        done(cuts.get(0), Map.of("outputKey", cuts.get(0).getVariables().get("outputKey"), "clipStartSeconds", 1.0, "durationSeconds", 12.4));
        List<LockedExternalTask> renditions = work("media.transcode", 4);
        assertThat(renditions).filteredOn(t -> "bottom-left".equals(t.getVariables().get("watermarkCorner")))
                .extracting(t -> t.getVariables().get("outputKey") + " " + t.getVariables().get("watermark") + " " + t.getVariables().get("profile"))
                .containsExactlyInAnyOrder("clips/mark-11 Mark 11 vertical-11", "clips/mark-12 Mark 12 vertical-12");
        renditions.forEach(t -> done(t, Map.of("outputKey", t.getVariables().get("outputKey"))));
        done(work("media.cover", 1).get(0), Map.of("outputKey", "clips/7/cover"));
        settle(instance);
        complete(review(instance, "Product 7"), withVariables("clipDecision", "trim", "trimInSeconds", 1.0, "trimOutSeconds", 5.0));
        done(work("media.smartcut", 1).get(0), Map.of("outputKey", "clips/7/trim-1", "durationSeconds", 4.0, "clipStartSeconds", 1.0));
        List<LockedExternalTask> again = work("media.transcode", 4);
        assertThat(again).extracting(t -> t.getVariables().get("sourceKey")).containsOnly("clips/7/trim-1");
        again.forEach(t -> done(t, Map.of("outputKey", t.getVariables().get("outputKey"))));
        done(work("media.cover", 1).get(0), Map.of("outputKey", "clips/7/cover"));
        settle(instance);
        complete(review(instance, "Product 7"), withVariables("clipDecision", "approve"));
        publish(instance);
        settle(instance);
        assertThat(instance).isEnded().hasPassed("render-marks", "clip-published");
    }

    @Test
    void aShowWithoutRecordingHasNothingToClip() {
        clipIds = "";

        assertThat(clipping()).isEnded().hasNotPassed("prepare-clip");
    }
}
