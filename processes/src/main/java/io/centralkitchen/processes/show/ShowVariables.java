package io.centralkitchen.processes.show;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reading the show flow's process variables with a clear failure when the model did not set one. */
public final class ShowVariables {

    private ShowVariables() {
    }

    /** The show id of a show process: its business key — never a variable, which a person could try to set. */
    public static String showId(DelegateExecution execution) {
        return execution.getProcessBusinessKey();
    }

    public static String showId(DelegateTask task) {
        return task.getExecution().getProcessBusinessKey();
    }

    /** The show of the process (by its business key), of the process's own station. */
    public static Show show(DelegateExecution execution, Shows shows) {
        return shows.require(execution.getTenantId(), showId(execution));
    }

    public static Show show(DelegateTask task, Shows shows) {
        return shows.require(task.getTenantId(), showId(task));
    }

    public static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            throw new IllegalStateException("Process variable '" + name + "' is missing");
        }
        return value.toString();
    }

    public static String optionalText(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    public static long number(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value == null) {
            throw new IllegalStateException("Process variable '" + name + "' is missing");
        }
        return Long.parseLong(value.toString().strip());
    }

    public static Double seconds(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().strip());
    }
}
