package io.centralkitchen.processes.aftersales;

import io.centralkitchen.processes.catalogue.Products;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A confirmed severe quality case takes the product out of future shows until it passes pre-selection again. */
@Component("suspendProduct")
public class SuspendProduct implements JavaDelegate {

    private final Products products;

    public SuspendProduct(Products products) {
        this.products = products;
    }

    @Override
    public void execute(DelegateExecution execution) {
        products.suspend(execution.getTenantId(), CaseVariables.id(execution, "productId"),
                "Suspended by after-sales case " + CaseVariables.text(execution, "caseRef")
                        + " (confirmed severe quality problem); re-review in pre-selection to sell it again");
    }
}
