package io.centralkitchen.processes.aftersales;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import java.math.BigDecimal;

/** Typed reads of the after-sales-case variables (set at start, by the routing decision and by the case forms). */
final class CaseVariables {

    private CaseVariables() {
    }

    /**
     * The case a step works on: named by the process's business key (the case reference) within the process's own
     * station, and read from its row — never from a variable, which a person completing a form could try to set.
     */
    static AfterSalesCases.Case theCase(DelegateExecution execution, AfterSalesCases cases) {
        return cases.require(execution.getTenantId(), execution.getProcessBusinessKey());
    }

    static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
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
