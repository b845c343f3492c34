package io.centralkitchen.processes.show;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What shows need of the commerce desk (module {@code commerce}, which implements this): the hosts a plan names
 * checked and assigned, a reduced price checked against the product's price history, and the prices slots go on air
 * at recorded. The show module depends on this interface only, so the desk may build on shows.
 */
public interface ShowCommerce {

    /** Who presents a show and each slot (by position); {@code displayText} the show's hosts' names, or null. */
    record Hosting(List<Long> showHostIds, Map<Integer, List<Long>> slotHostIds, String displayText) {
    }

    /**
     * Checks the hosts of a plan or rundown: of the station, active, identity-checked and qualified for their slots'
     * products where the rules require it; refusals name the field.
     *
     * @param kept each product's hosts before (for slots whose hostIds are not given)
     */
    Hosting checkHosts(String stationId, List<Long> showHostIds, String showField, List<ShowPlan.Slot> requested,
                       List<ShowSlot> slots, String slotsField, Map<Long, List<Long>> kept);

    void assignHosts(String stationId, String showId, List<Long> showHostIds, Map<Integer, List<Long>> slotHostIds);

    void clearHosts(String stationId, String showId);

    List<Long> showHosts(String stationId, String showId);

    /** Each slot position's own hosts. */
    Map<Integer, List<Long>> slotHosts(String stationId, String showId);

    /** Each slot product's own hosts. */
    Map<Long, List<Long>> slotHostsByProduct(String stationId, String showId);

    Map<Long, String> hostNames(String stationId);

    /** Refuses (naming {@code field}) a reduced price not below the product's lowest price of the previous days. */
    void checkReducedPrice(String stationId, long productId, BigDecimal price, BigDecimal regular, String field);

    /** Records a price the product is offered at now (e.g. a slot on air). */
    void offered(String stationId, long productId, BigDecimal price, String source, String ref);

    /**
     * A promotion of the show in its report: what it was, where it stands, and the platforms' latest counts per metric
     * (COUPONS_CLAIMED, ENTRANTS, RESERVATIONS, ...), in all and per platform.
     */
    record PromotionFigures(String ref, String kind, Integer slotPosition, String title, String state, Map<String, Long> totals,
                            Map<String, Map<String, Long>> perPlatform) {
    }

    List<PromotionFigures> promotionFigures(String stationId, String showId);
}
