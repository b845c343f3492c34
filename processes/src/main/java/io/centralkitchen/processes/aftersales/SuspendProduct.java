package io.centralkitchen.processes.aftersales;

import io.centralkitchen.processes.catalogue.SupplierQuality;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A confirmed severe quality case takes the product out of future shows until it passes pre-selection again. */
@Component("suspendProduct")
public class SuspendProduct implements JavaDelegate {

    private final SupplierQuality quality;

    public SuspendProduct(SupplierQuality quality) {
        this.quality = quality;
    }

    @Override
    public void execute(DelegateExecution execution) {
        quality.suspendProduct(execution.getTenantId(), CaseVariables.id(execution, "productId"),
                "Suspended by after-sales case " + CaseVariables.text(execution, "caseRef")
                        + " (confirmed severe quality problem); re-review in pre-selection to sell it again");
    }
}
