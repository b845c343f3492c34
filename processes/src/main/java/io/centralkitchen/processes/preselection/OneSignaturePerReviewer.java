package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.access.EngineAsSystem;
import io.centralkitchen.processes.access.TaskGuard;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A product's quality is signed off by two different people: a reviewer who signed one of its reviews can neither take
 * nor complete the other — refused in plain words when they try, before the engine is asked.
 */
@Component
public class OneSignaturePerReviewer implements TaskGuard {

    static final String REVIEW_TASK = "reviewQuality";

    private final QualityReviews reviews;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;

    public OneSignaturePerReviewer(QualityReviews reviews, RuntimeService runtimeService, IdentityService identityService) {
        this.reviews = reviews;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
    }

    @Override
    public Optional<String> refuseClaim(Task task, String userId) {
        return signedTheOther(task, userId).map(submission -> "You have signed a quality review of this product already;"
                + " the other review needs a second quality reviewer");
    }

    @Override
    public Optional<String> refuseCompletion(Task task, String userId) {
        return signedTheOther(task, userId).map(submission -> "You have signed a quality review of this product already;"
                + " a second quality reviewer must sign this one");
    }

    private Optional<Long> signedTheOther(Task task, String userId) {
        if (!REVIEW_TASK.equals(task.getTaskDefinitionKey()) || task.getProcessInstanceId() == null) {
            return Optional.empty();
        }
        ProcessInstance instance = EngineAsSystem.call(identityService, () -> runtimeService.createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult());
        String key = instance == null ? null : instance.getBusinessKey();
        if (key == null || !key.matches("submission-[0-9]{1,18}")) {
            return Optional.empty();
        }
        long submission = Long.parseLong(key.substring("submission-".length()));
        return reviews.signedElsewhere(submission, userId, task.getId()) ? Optional.of(submission) : Optional.empty();
    }
}
