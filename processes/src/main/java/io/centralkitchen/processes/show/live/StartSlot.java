package io.centralkitchen.processes.show.live;

import java.util.Map;
import java.util.LinkedHashMap;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.show.ShowCommerce;
import io.centralkitchen.processes.show.live.cluster.LiveCluster;
import io.centralkitchen.processes.show.ShowProcesses;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.clips.ClosedSlotClips;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A product goes on air: the slot asked for (or the next one not yet on air) gets its PRODUCT_ON_AIR marker at the
 * program time of the request, once — a slot already on air is left alone ({@code firstOnAir} false), so a repeated
 * request sends no second set of cues. The slot on air before it is over: its clip is cut while the show goes on
 * ({@link ClosedSlotClips}). The request's variables are removed for the next one.
 */
@Component("startSlot")
public class StartSlot implements JavaDelegate {

    private final Shows shows;
    private final ShowProducts products;
    private final LiveCluster live;
    private final LiveMarkers markers;
    private final ArchiveLog archive;
    private final ShowCommerce commerce;
    private final ClosedSlotClips closedSlots;

    public StartSlot(Shows shows, ShowProducts products, LiveCluster live, LiveMarkers markers, ArchiveLog archive,
                     ShowCommerce commerce, ClosedSlotClips closedSlots) {
        this.archive = archive;
        this.commerce = commerce;
        this.closedSlots = closedSlots;
        this.shows = shows;
        this.products = products;
        this.live = live;
        this.markers = markers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String showId = ShowVariables.showId(execution);
        Object position = execution.getVariable(ShowProcesses.SLOT_POSITION);
        Object requested = execution.getVariable(ShowProcesses.SLOT_PROGRAM_MILLIS);
        String by = ShowVariables.optionalText(execution, ShowProcesses.SLOT_REQUESTED_BY);
        for (String name : List.of(ShowProcesses.SLOT_POSITION, ShowProcesses.SLOT_PROGRAM_MILLIS, ShowProcesses.SLOT_REQUESTED_BY,
                ShowProcesses.ON_AIR_ACTION)) {
            execution.removeVariable(name);
        }
        List<ShowSlot> slots = shows.slots(showId);
        Optional<ShowSlot> slot = position == null ? slots.stream().filter(s -> !s.onAir()).findFirst()
                : slots.stream().filter(s -> s.position() == ((Number) position).intValue()).findFirst();
        if (slot.isEmpty() || slot.get().onAir()) {
            execution.setVariable("firstOnAir", false);
            return;
        }
        long programMillis = requested instanceof Number n ? n.longValue() : live.programMillis(showId)
                .orElseThrow(() -> new IllegalStateException("Show '" + showId + "' is off air: no live worker runs it now"));
        if (by == null) {
            Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            by = user == null ? "producer" : user.getUserId();
        }
        long markerId = marker(execution.getTenantId(), showId, slot.get(), programMillis, by);
        boolean first = shows.markOnAir(slot.get().id(), programMillis, Instant.now(), markerId);
        if (first) {
            archiveOnAir(execution.getTenantId(), showId, slot.get(), programMillis, markerId, by);
            // the prices it is offered at now: the reference of later "reduced" prices
            String ref = "show:" + showId + ":slot:" + slot.get().position();
            commerce.offered(execution.getTenantId(), slot.get().productId(), slot.get().price(), "SLOT", ref);
            if (slot.get().hasFlashSale()) {
                commerce.offered(execution.getTenantId(), slot.get().productId(), slot.get().flashSalePrice(), "FLASH_SALE", ref);
            }
            closedSlots.slotOnAir(execution.getTenantId(), showId, slot.get().id(), programMillis); // the one before is over: clip it
        }
        execution.setVariable("slotId", slot.get().id());
        execution.setVariable("firstOnAir", first);
    }

    /** What went on air when, at which price and flash sale, who presented it, and who put it there. */
    private void archiveOnAir(String stationId, String showId, ShowSlot slot, long programMillis, long markerId, String by) {
        Map<String, Object> onAir = new LinkedHashMap<>();
        onAir.put("position", slot.position());
        onAir.put("productId", slot.productId());
        onAir.put("programMillis", programMillis);
        onAir.put("markerId", markerId);
        onAir.put("price", slot.price() == null ? null : slot.price().toPlainString());
        onAir.put("flashSalePrice", slot.flashSalePrice() == null ? null : slot.flashSalePrice().toPlainString());
        onAir.put("flashSaleStock", slot.flashSaleStock());
        onAir.put("hosts", shows.require(stationId, showId).hosts());
        // who presents it: the slot's own hosts, or else the show's (ids and display names)
        Map<Long, String> names = commerce.hostNames(stationId);
        onAir.put("presentedBy", commerce.slotHosts(stationId, showId).getOrDefault(slot.position(), commerce.showHosts(stationId, showId))
                .stream().map(h -> h + " " + names.get(h)).toList());
        archive.document(stationId, ArchiveSubject.show(showId), "SLOT_ON_AIR", onAir, by);
    }

    private long marker(String stationId, String showId, ShowSlot slot, long programMillis, String by) {
        return markers.add(stationId, showId, LiveMarkers.PRODUCT_ON_AIR, slot.productId(),
                products.require(stationId, slot.productId()).name(), Instant.now(), programMillis, by);
    }
}
