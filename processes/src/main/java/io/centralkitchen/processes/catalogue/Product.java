package io.centralkitchen.processes.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A product in the station's catalogue (table {@code product}); selling points and script lines one per line. */
public record Product(long id, String stationId, long supplierId, String name, ProductCategory category, BigDecimal price,
                      String unit, int stockOffered, List<String> sellingPoints, List<String> scriptLines, String status,
                      String statusReason, LocalDate showDate) {

    public static final String SUBMITTED = "SUBMITTED";
    public static final String IN_REVIEW = "IN_REVIEW";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
    /** Set by after-sales; the product needs a new review before it airs again. */
    public static final String SUSPENDED = "SUSPENDED";

    /** The day its evidence must be valid on: the next show date when one is set, otherwise today. */
    public LocalDate evidenceDay() {
        LocalDate today = LocalDate.now();
        return showDate != null && showDate.isAfter(today) ? showDate : today;
    }
}
