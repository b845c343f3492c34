package io.centralkitchen.processes.show;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Reading the show flow's process variables with a clear failure when the model did not set one. */
public final class ShowVariables {

    private ShowVariables() {
    }

    public static String showId(VariableScope scope) {
        return text(scope, "showId");
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
