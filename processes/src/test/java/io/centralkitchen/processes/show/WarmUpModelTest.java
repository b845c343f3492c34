package io.centralkitchen.processes.show;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
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

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * Every path through {@code warm-up}: teaser rendered by the media worker (played here through the external-task API),
 * reviewed, posted at each planned time (timers fired through the job API); no product video; a teaser that cannot be
 * rendered (tried again, or left out); a platform refusing a post.
 */
@Deployment(resources = {"bpmn/warm-up.bpmn", "forms/show-teaser-review.form", "forms/show-teaser-failed.form",
        "forms/show-platform-refused.form"})
class WarmUpModelTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("show-model.cfg.xml")
            .assertClassCoverageAtLeast(1.0).build();

    final List<String> steps = new ArrayList<>();
    final Instant airTime = Instant.now().plus(Duration.ofDays(4));
    boolean material = true;
    int refusals;
    String postTimes;

    @BeforeEach
    void stepsRecordTheirCalls() {
        init(engine.getProcessEngine());
        postTimes = String.join(",", airTime.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS).toString(),
                airTime.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString());
        Mocks.register("showLists", new ShowLists());
        Mocks.register("collectTeaserMaterial", (JavaDelegate) e -> {
            e.setVariable("hasTeaserMaterial", material);
            e.setVariable("teaser", "{\"parts\":[]}");
            e.setVariable("teaserKey", "station-1/shows/s/teaser.mp4");
        });
        Mocks.register("recordTeaser", (JavaDelegate) e -> steps.add("teaser " + e.getVariable("teaserSeconds") + " s"));
        Mocks.register("teaserForReview", (TaskListener) t -> t.setVariableLocal("teaserSummary", "[watch](...)"));
        Mocks.register("recordTeaserDecision", (JavaDelegate) e -> steps.add("teaser " + e.getVariable("teaserDecision")));
        Mocks.register("skipTeaser", (JavaDelegate) e -> steps.add("no teaser: " + e.getVariable("teaserProblem")));
        Mocks.register("planWarmUpPosts", (JavaDelegate) e -> e.setVariable("postTimes", postTimes));
        Mocks.register("publishWarmUpPost", (JavaDelegate) e -> {
            if (refusals-- > 0) {
                throw new BpmnError(ShowProcesses.PLATFORM_REFUSED, "douyin refused the post: err_no 4001: sensitive words");
            }
            steps.add("posted at " + e.getVariable("postTime"));
        });
    }

    @AfterEach
    void clearMocks() {
        Mocks.reset();
    }

    ProcessInstance warmUp() {
        return runtimeService().startProcessInstanceByKey("warm-up", "show-" + System.nanoTime(), Map.of("showId", "s",
                "showTitle", "Harvest festival", "airTime", Date.from(airTime)));
    }

    static LockedExternalTask teaserJob() {
        List<LockedExternalTask> tasks = externalTaskService().fetchAndLock(1, "test-worker").topic("media.teaser", 60_000)
                .variables("teaser", "outputKey").execute();
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    static void postsGoOutAtTheirTimes(ProcessInstance instance, int posts) {
        for (int i = 0; i < posts; i++) {
            Job timer = job(instance);
            assertThat(instance).isWaitingAt("post-due");
            execute(timer);
            execute(job(instance)); // the post itself is asynchronous
        }
    }

    @Test
    void anApprovedTeaserGoesOutWithEveryPostAtItsTime() {
        ProcessInstance instance = warmUp();
        LockedExternalTask render = teaserJob();
        assertThat(render.getVariables()).containsEntry("outputKey", "station-1/shows/s/teaser.mp4").containsKey("teaser");
        externalTaskService().complete(render.getId(), "test-worker", Map.of("outputKey", "station-1/shows/s/teaser.mp4",
                "durationSeconds", 8.5));

        assertThat(instance).isWaitingAt("review-teaser").task().hasCandidateGroup("marketers").hasName("Review the teaser of Harvest festival");
        complete(task(instance), withVariables("teaserDecision", "approve"));
        Job first = job(instance);
        assertThat(first.getDuedate().toInstant()).isEqualTo(airTime.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS));
        postsGoOutAtTheirTimes(instance, 2);

        assertThat(instance).isEnded().hasPassed("record-teaser", "record-teaser-decision").hasNotPassed("skip-teaser");
        assertThat(steps).containsExactly("teaser 8.5 s", "teaser approve", "posted at " + postTimes.split(",")[0],
                "posted at " + postTimes.split(",")[1]);
        assertThat(runtimeService().createVariableInstanceQuery().variableName("durationSeconds").count())
                .as("the worker's outputs stay in its task").isZero();
    }

    @Test
    void withoutProductVideosThePostsGoOutWithoutATeaser() {
        material = false;
        postTimes = "";

        ProcessInstance instance = warmUp();

        assertThat(instance).isEnded().hasPassed("skip-teaser").hasNotPassed("render-teaser", "publish-post");
        assertThat(steps).containsExactly("no teaser: null");
    }

    @Test
    void aTeaserThatCannotBeRenderedGoesToMarketersWhoTryAgainOrGoOnWithoutIt() {
        ProcessInstance instance = warmUp();
        externalTaskService().handleBpmnError(teaserJob().getId(), "test-worker", "MEDIA_INVALID",
                "Teaser clip 00:00:00.000–00:00:03.000 lies outside the media, which is 00:00:02.000 long.",
                Map.of("mediaError", "too short"));
        assertThat(instance).isWaitingAt("teaser-failed").task().hasCandidateGroup("marketers");

        complete(task(instance), withVariables("teaserRetry", "retry"));
        externalTaskService().handleBpmnError(teaserJob().getId(), "test-worker", "MEDIA_INVALID", "still too short");
        complete(task(instance), withVariables("teaserRetry", "skip"));
        postsGoOutAtTheirTimes(instance, 2);

        assertThat(instance).isEnded().hasPassed("teaser-failed", "skip-teaser").hasNotPassed("review-teaser");
        assertThat(steps).startsWith("no teaser: still too short");
    }

    @Test
    void aPlatformRefusingAPostIsShownToMarketersAndTheNextPostStillGoesOut() {
        refusals = 1;
        ProcessInstance instance = warmUp();
        externalTaskService().complete(teaserJob().getId(), "test-worker");
        complete(task(instance), withVariables("teaserDecision", "reject"));

        execute(job(instance));
        execute(job(instance));
        assertThat(instance).isWaitingAt("post-refused-task").task().hasCandidateGroup("marketers");
        assertThat(runtimeService().getVariable(instance.getId(), "platformAnswer")).asString().contains("sensitive words");
        complete(task(instance));
        postsGoOutAtTheirTimes(instance, 1);

        assertThat(instance).isEnded();
        assertThat(steps).containsExactly("teaser null s", "teaser reject", "posted at " + postTimes.split(",")[1]);
    }
}
