package io.centralkitchen.processes.access;

import org.camunda.bpm.engine.task.Task;

import java.util.Optional;

/**
 * A rule of a kind of work that a claim or a completion of its task must pass before the engine sees the request
 * ({@link FormFieldsOnly} asks every guard, on {@code /engine-rest} and in Tasklist alike). A refusal is a 400 in
 * plain words for the person, never an engine code. The steps' own checks stay as the last line.
 */
public interface TaskGuard {

    /** Why {@code userId} may not take {@code task} (claim or be assigned), or empty. */
    default Optional<String> refuseClaim(Task task, String userId) {
        return Optional.empty();
    }

    /** Why {@code userId} may not complete {@code task}, or empty. */
    default Optional<String> refuseCompletion(Task task, String userId) {
        return Optional.empty();
    }
}
