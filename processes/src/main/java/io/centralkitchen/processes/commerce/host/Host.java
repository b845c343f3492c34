package io.centralkitchen.processes.commerce.host;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A person who presents products on the station's shows (table {@code host}): identity checked (real name, the
 * check's date, its evidence file in the dossier store), the product categories they are qualified to present, and
 * the station's platform accounts they sell through.
 */
public record Host(long id, String stationId, String displayName, String realName, LocalDate identityCheckedOn,
                   String identityEvidenceKey, Set<String> categories, boolean active, List<String> accountIds,
                   String createdBy, Instant createdAt, Instant updatedAt) {

    public boolean identityChecked() {
        return identityCheckedOn != null && identityEvidenceKey != null;
    }

    public boolean qualifiedFor(String category) {
        return categories.contains(category);
    }
}
