package io.centralkitchen.processes.aftersales;

import org.springframework.stereotype.Component;

/**
 * The durations of the after-sales-case timers, read by the model's timer expressions
 * ({@code ${afterSalesTimers.sla(priority)}}) when a timer starts, so a configuration change applies to new timers.
 */
@Component("afterSalesTimers")
public class AfterSalesTimers {

    private final AfterSalesProperties properties;

    public AfterSalesTimers(AfterSalesProperties properties) {
        this.properties = properties;
    }

    public String sla(String priority) {
        return ("high".equals(priority) ? properties.getSlaHighPriority() : properties.getSla()).toString();
    }

    public String followUp() {
        return properties.getFollowUp().toString();
    }

    public String surveyWait() {
        return properties.getSurveyWait().toString();
    }
}
