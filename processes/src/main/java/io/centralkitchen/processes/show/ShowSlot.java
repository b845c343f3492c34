package io.centralkitchen.processes.show;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product slot of the rundown. The flash sale is planned by price (and optionally stock); its cues go out when the
 * slot goes on air and stop when the next one does. {@code onAirMillis} is the program time of its marker.
 */
public record ShowSlot(long id, String showId, int position, long productId, int plannedSeconds, BigDecimal price,
                       BigDecimal flashSalePrice, Integer flashSaleStock, Long onAirMillis, Instant onAirAt, Long markerId) {

    public boolean hasFlashSale() {
        return flashSalePrice != null;
    }

    public boolean onAir() {
        return onAirMillis != null;
    }
}
