package io.centralkitchen.processes.catalogue;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What kind of product a supplier offers; DMN {@code product-eligibility} decides the evidence each one needs.
 * A new category needs a row in that decision (the DMN test checks every category has one).
 */
public enum ProductCategory {
    /** Packaged or processed food (预包装食品). */
    FOOD,
    /** Edible farm produce sold as harvested (食用农产品). */
    FARM_PRODUCE,
    /** Registered health food (保健食品). */
    HEALTH_FOOD,
    /** Electrical goods under compulsory certification (CCC). */
    ELECTRICAL,
    /** Handicrafts and other goods. */
    GENERAL;

    public static Optional<ProductCategory> parse(String value) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(value == null ? "" : value.strip())).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
