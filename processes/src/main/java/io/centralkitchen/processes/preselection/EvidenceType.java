package io.centralkitchen.processes.preselection;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of evidence in a product's dossier. */
public enum EvidenceType {
    BUSINESS_LICENCE("Business licence (营业执照)", true),
    FOOD_LICENCE("Food production/operation licence (食品生产/经营许可证)", true),
    BATCH_CERTIFICATE("Per-batch commitment-to-standard certificate (承诺达标合格证)", true),
    INSPECTION_REPORT("Third-party inspection report (检验报告)", true),
    CCC_CERTIFICATE("CCC certificate (强制性产品认证)", true),
    HEALTH_FOOD_REGISTRATION("Health-food registration (保健食品注册证书)", true),
    /** Recorded by a quality reviewer in the review form, never uploaded by a supplier. */
    SAMPLE_TEST_RESULT("Sample test result (抽样检测结果)", false);

    private final String label;
    private final boolean suppliedBySupplier;

    EvidenceType(String label, boolean suppliedBySupplier) {
        this.label = label;
        this.suppliedBySupplier = suppliedBySupplier;
    }

    public String label() {
        return label;
    }

    public boolean suppliedBySupplier() {
        return suppliedBySupplier;
    }

    /**
     * Evidence of the company rather than of one product: one valid business licence covers every product of the
     * supplier.
     */
    public boolean perSupplier() {
        return this == BUSINESS_LICENCE;
    }

    public static Optional<EvidenceType> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(value == null ? "" : value.strip())).findFirst();
    }

    public static String supplierTypeNames() {
        return Arrays.stream(values()).filter(EvidenceType::suppliedBySupplier).map(Enum::name).collect(Collectors.joining(", "));
    }
}
