package io.centralkitchen.processes.commerce;

import io.centralkitchen.processes.commerce.host.HostChecks;
import io.centralkitchen.processes.commerce.host.Hosts;
import io.centralkitchen.processes.commerce.promotion.PriceHistory;
import io.centralkitchen.processes.commerce.promotion.PromotionChecker;
import io.centralkitchen.processes.commerce.promotion.Promotions;
import io.centralkitchen.processes.show.ShowCommerce;
import io.centralkitchen.processes.show.ShowPlan;
import io.centralkitchen.processes.show.ShowSlot;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The commerce desk as the shows see it: hosts, price checks and price history (see {@link ShowCommerce}). */
@Component
public class ShowCommerceDesk implements ShowCommerce {

    private final HostChecks checks;
    private final Hosts hosts;
    private final PromotionChecker promotions;
    private final PriceHistory prices;
    private final Promotions promotionRows;

    public ShowCommerceDesk(HostChecks checks, Hosts hosts, PromotionChecker promotions, PriceHistory prices, Promotions promotionRows) {
        this.promotionRows = promotionRows;
        this.checks = checks;
        this.hosts = hosts;
        this.promotions = promotions;
        this.prices = prices;
    }

    @Override
    public Hosting checkHosts(String stationId, List<Long> showHostIds, String showField, List<ShowPlan.Slot> requested,
                              List<ShowSlot> slots, String slotsField, Map<Long, List<Long>> kept) {
        HostChecks.Assignment a = checks.check(stationId, showHostIds, showField, requested, slots, slotsField, kept);
        return new Hosting(a.showHostIds(), a.slotHostIds(), a.displayText());
    }

    @Override
    public void assignHosts(String stationId, String showId, List<Long> showHostIds, Map<Integer, List<Long>> slotHostIds) {
        hosts.assign(stationId, showId, showHostIds, slotHostIds);
    }

    @Override
    public void clearHosts(String stationId, String showId) {
        hosts.clear(stationId, showId);
    }

    @Override
    public List<Long> showHosts(String stationId, String showId) {
        return hosts.ofShow(stationId, showId);
    }

    @Override
    public Map<Integer, List<Long>> slotHosts(String stationId, String showId) {
        return hosts.ofSlots(stationId, showId);
    }

    @Override
    public Map<Long, List<Long>> slotHostsByProduct(String stationId, String showId) {
        return hosts.ofSlotProducts(stationId, showId);
    }

    @Override
    public Map<Long, String> hostNames(String stationId) {
        return hosts.names(stationId);
    }

    @Override
    public void checkReducedPrice(String stationId, long productId, BigDecimal price, BigDecimal regular, String field) {
        promotions.reducedPrice(stationId, productId, price, regular, field);
    }

    @Override
    public List<PromotionFigures> promotionFigures(String stationId, String showId) {
        return promotionRows.ofShow(stationId, showId).stream().map(p -> {
            Map<String, Long> totals = new java.util.TreeMap<>();
            Map<String, Map<String, Long>> perPlatform = new java.util.TreeMap<>();
            for (Promotions.Result r : promotionRows.results(p.id())) {
                totals.merge(r.metric(), r.count(), Long::sum);
                perPlatform.computeIfAbsent(r.platform(), k -> new java.util.TreeMap<>()).put(r.metric(), r.count());
            }
            return new PromotionFigures(p.ref(), p.kind(), p.slotPosition(), p.title(), p.state(), totals, perPlatform);
        }).toList();
    }

    @Override
    public void offered(String stationId, long productId, BigDecimal price, String source, String ref) {
        prices.record(stationId, productId, price, source, ref, Instant.now());
    }
}
