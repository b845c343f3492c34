package io.centralkitchen.processes.aftersales;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import java.math.BigDecimal;

/** Typed reads of the after-sales-case variables (set at start, by the routing decision and by the case forms). */
final class CaseVariables {

    private CaseVariables() {
    }

    static long caseId(DelegateExecution execution) {
        return ((Number) execution.getVariable("caseId")).longValue();
    }

    static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }

    static Long id(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : ((Number) value).longValue();
    }

    static boolean flag(DelegateExecution execution, String name) {
        return Boolean.TRUE.equals(execution.getVariable(name));
    }

    static BigDecimal amount(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return new BigDecimal(value.toString()).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
