package io.centralkitchen.processes.preselection.steps;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;

import java.util.List;

/** Reading the ids every pre-selection step works with; the process holds ids, the dossier holds the documents. */
final class Steps {

    private Steps() {
    }

    static long submissionId(VariableScope scope) {
        return ((Number) scope.getVariable("submissionId")).longValue();
    }

    static long productId(VariableScope scope) {
        return ((Number) scope.getVariable("productId")).longValue();
    }

    static long supplierId(VariableScope scope) {
        return ((Number) scope.getVariable("supplierId")).longValue();
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
