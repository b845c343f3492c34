package io.centralkitchen.processes.preselection.steps;

import io.centralkitchen.processes.preselection.Submission;
import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.catalogue.Supplier;
import io.centralkitchen.processes.preselection.SupplierRegistry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reads the supplier's standing as it is now (after-sales may have lowered the score since the last round) for the
 * eligibility decision, and marks the product as in review.
 */
@Component("supplierStanding")
public class SupplierStanding implements JavaDelegate {

    private final SupplierRegistry suppliers;
    private final Dossier dossier;


    private final Products products;

    public SupplierStanding(SupplierRegistry suppliers, Dossier dossier, Products products) {
        this.products = products;
        this.suppliers = suppliers;
        this.dossier = dossier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Submission submission = Steps.submission(execution, dossier);
        Supplier supplier = suppliers.require(submission.supplierId());
        execution.setVariable("qualityScore", supplier.qualityScore());
        execution.setVariable("publicWelfare", supplier.publicWelfare());
        Product product = products.require(submission.productId());
        if (!Product.IN_REVIEW.equals(product.status())) {
            products.changeStatus(product.id(), Product.IN_REVIEW, product.statusReason());
        }
    }
}
