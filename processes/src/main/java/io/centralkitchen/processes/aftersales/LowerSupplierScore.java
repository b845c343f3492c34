package io.centralkitchen.processes.aftersales;

import io.centralkitchen.processes.catalogue.SupplierQuality;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A confirmed quality or misdescription case costs the supplier score points (pre-selection reads the score).
 * Recorded once per case, however often the step runs.
 */
@Component("lowerSupplierScore")
public class LowerSupplierScore implements JavaDelegate {

    private final SupplierQuality quality;
    private final AfterSalesProperties properties;
    private final AfterSalesCases cases;

    public LowerSupplierScore(SupplierQuality quality, AfterSalesProperties properties, AfterSalesCases cases) {
        this.quality = quality;
        this.properties = properties;
        this.cases = cases;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String category = CaseVariables.text(execution, "category");
        boolean severe = CaseVariables.flag(execution, "severe");
        int penalty = switch (category) {
            case "quality" -> severe ? properties.getSevereQualityPenalty() : properties.getQualityPenalty();
            case "misdescription" -> properties.getMisdescriptionPenalty();
            default -> 0;
        };
        if (penalty == 0) {
            return;
        }
        AfterSalesCases.Case c = CaseVariables.theCase(execution, cases);
        if (c.supplierId() == null) {
            return;
        }
        quality.record(c.stationId(), c.supplierId(), c.productId(),
                -penalty, "After-sales case " + c.caseRef() + ": confirmed " + (severe ? "severe " : "") + category + " problem",
                "after-sales-case:" + c.id());
    }
}
