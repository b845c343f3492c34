package io.centralkitchen.processes.preselection.steps;

import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.preselection.Submission;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;

import java.util.List;

/** Reading the ids every pre-selection step works with; the process holds ids, the dossier holds the documents. */
final class Steps {

    private Steps() {
    }

    /**
     * The submission a pre-selection step works on: named by the process's business key ({@code submission-<id>}),
     * never by a variable (which a person completing a form could try to set), and of the process's own station.
     */
    static Submission submission(DelegateExecution execution, Dossier dossier) {
        return load(execution.getProcessBusinessKey(), execution.getTenantId(), dossier);
    }

    static Submission submission(DelegateTask task, Dossier dossier) {
        return load(task.getExecution().getProcessBusinessKey(), task.getTenantId(), dossier);
    }

    private static Submission load(String businessKey, String stationId, Dossier dossier) {
        if (businessKey == null || !businessKey.matches("submission-[0-9]{1,18}")) {
            throw new IllegalStateException("A pre-selection process is keyed 'submission-<id>', not '" + businessKey + "'");
        }
        Submission submission = dossier.requireSubmission(Long.parseLong(businessKey.substring("submission-".length())));
        if (!submission.stationId().equals(stationId)) {
            throw new IllegalStateException("Submission " + submission.id() + " does not belong to station '" + stationId + "'");
        }
        return submission;
    }

    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString().strip();
    }

    static List<String> lines(VariableScope scope, String name) {
        String text = text(scope, name);
        return text == null || text.isEmpty() ? List.of()
                : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** Who is acting in the current engine command (the user completing a task), if anyone. */
    static String currentUser() {
        if (Context.getCommandContext() == null) {
            return null;
        }
        Authentication authentication = Context.getCommandContext().getAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
