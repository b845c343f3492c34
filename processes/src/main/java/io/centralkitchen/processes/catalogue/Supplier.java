package io.centralkitchen.processes.catalogue;

/** A company that offers products to a station (table {@code supplier}). */
public record Supplier(long id, String stationId, String name, String creditCode, String contactName, String contactPhone,
                       String contactEmail, String region, String county, boolean publicWelfare, String publicWelfareNote,
                       int qualityScore, String accountUserId) {
}
