package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.ProductCategory;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** DMN {@code product-eligibility}: one case per rule row, evaluated by the DMN engine the process uses. */
class ProductEligibilityDmnTest {

    static DmnEngine dmn;
    static DmnDecision eligibility;
    static DmnDecision requiredEvidence;

    @BeforeAll
    static void parse() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream in = ProductEligibilityDmnTest.class.getResourceAsStream("/dmn/product-eligibility.dmn")) {
            List<DmnDecision> decisions = dmn.parseDecisions(in);
            eligibility = decisions.stream().filter(d -> d.getKey().equals("product-eligibility")).findFirst().orElseThrow();
            requiredEvidence = decisions.stream().filter(d -> d.getKey().equals("required-evidence")).findFirst().orElseThrow();
        }
    }

    @ParameterizedTest(name = "{0} needs {1}, {2} reviewer(s)")
    @CsvSource(delimiter = ';', value = {
            "FOOD; BUSINESS_LICENCE,FOOD_LICENCE,INSPECTION_REPORT; 2",
            "FARM_PRODUCE; BUSINESS_LICENCE,BATCH_CERTIFICATE; 2",
            "HEALTH_FOOD; BUSINESS_LICENCE,FOOD_LICENCE,HEALTH_FOOD_REGISTRATION; 2",
            "ELECTRICAL; BUSINESS_LICENCE,CCC_CERTIFICATE; 1",
            "GENERAL; BUSINESS_LICENCE; 1"})
    void requiredEvidencePerCategory(String category, String evidence, int reviewers) {
        DmnDecisionTableResult result = dmn.evaluateDecisionTable(requiredEvidence, Variables.createVariables().putValue("category", category));

        assertThat(result).hasSize(1);
        assertThat(result.getSingleResult().<String>getEntry("requiredEvidence")).isEqualTo(evidence);
        assertThat(result.getSingleResult().<Integer>getEntry("reviewersRequired")).isEqualTo(reviewers);
    }

    @ParameterizedTest
    @EnumSource(ProductCategory.class)
    void everyCategoryHasARowAndNamesOnlyKnownSupplierEvidence(ProductCategory category) {
        DmnDecisionResultEntries row = evaluate(category.name(), 80, false);

        List<String> types = Arrays.asList(row.<String>getEntry("requiredEvidence").split(","));
        assertThat(types).isNotEmpty().allSatisfy(t -> assertThat(EvidenceType.valueOf(t).suppliedBySupplier()).isTrue());
    }

    @ParameterizedTest(name = "score {0}, public welfare {1} -> admitted {2}, priority {3}")
    @CsvSource({
            // rule "below-40": nobody below 40, public welfare or not
            "39, true, false, 0, Quality score below 40",
            "0, false, false, 0, Quality score below 40",
            // rule "probation-public-welfare"
            "40, true, true, 70, on probation",
            "59, true, true, 70, on probation",
            // rule "below-60"
            "59, false, false, 0, Quality score below 60",
            // rule "public-welfare": reviewed first
            "60, true, true, 90, reviewed first",
            // rule "admitted"
            "60, false, true, 50, Admitted",
            "100, false, true, 50, Admitted"})
    void admissionByQualityScoreAndPublicWelfare(int score, boolean publicWelfare, boolean admitted, int priority, String reason) {
        DmnDecisionResultEntries row = evaluate("FOOD", score, publicWelfare);

        assertThat(row.<Boolean>getEntry("admitted")).isEqualTo(admitted);
        assertThat(row.<Integer>getEntry("priority")).isEqualTo(priority);
        assertThat(row.<String>getEntry("reason")).contains(reason);
        assertThat(row.<String>getEntry("requiredEvidence")).isEqualTo("BUSINESS_LICENCE,FOOD_LICENCE,INSPECTION_REPORT");
        assertThat(row.<Integer>getEntry("reviewersRequired")).isEqualTo(2);
    }

    @Test
    void theRequiredEvidenceOfTheCategoryPassesThroughTheAdmissionDecision() {
        DmnDecisionResultEntries row = evaluate("ELECTRICAL", 75, true);

        assertThat(row.<String>getEntry("requiredEvidence")).isEqualTo("BUSINESS_LICENCE,CCC_CERTIFICATE");
        assertThat(row.<Integer>getEntry("reviewersRequired")).isEqualTo(1);
    }

    private static DmnDecisionResultEntries evaluate(String category, int score, boolean publicWelfare) {
        var result = dmn.evaluateDecision(eligibility, Variables.createVariables()
                .putValue("category", category).putValue("qualityScore", score).putValue("publicWelfare", publicWelfare));
        assertThat(result).hasSize(1);
        return result.getSingleResult();
    }
}
