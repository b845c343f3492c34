package io.centralkitchen.processes.aftersales;

import io.centralkitchen.processes.catalogue.Products;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A confirmed severe quality case takes the product out of future shows until it passes pre-selection again. */
@Component("suspendProduct")
public class SuspendProduct implements JavaDelegate {

    private final Products products;
    private final AfterSalesCases cases;

    public SuspendProduct(Products products, AfterSalesCases cases) {
        this.products = products;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AfterSalesCases.Case c = CaseVariables.theCase(execution, cases);
        if (c.productId() == null) {
            return;
        }
        products.suspend(c.stationId(), c.productId(),
                "Suspended by after-sales case " + c.caseRef()
                        + " (confirmed severe quality problem); re-review in pre-selection to sell it again");
    }
}
