package io.centralkitchen.processes.preselection.steps;

import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.preselection.Dossier;
import io.centralkitchen.processes.preselection.EvidenceType;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.preselection.Submission;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.stream.Collectors;

/** Compares the dossier with the required evidence: which documents are missing or not valid on the show date. */
@Component("checkEvidence")
public class CheckEvidence implements JavaDelegate {

    private final Dossier dossier;


    private final Products products;

    public CheckEvidence(Dossier dossier, Products products) {
        this.products = products;
        this.dossier = dossier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Submission submission = Steps.submission(execution, dossier);
        Product product = products.require(submission.productId());
        List<EvidenceType> missing = dossier.missingEvidence(submission, product.evidenceDay());
        execution.setVariable("evidenceComplete", missing.isEmpty());
        execution.setVariable("missingEvidence", missing.stream().map(Enum::name).collect(Collectors.joining(",")));
    }
}
