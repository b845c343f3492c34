package io.centralkitchen.processes.show.live;

import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowDestination;
import io.centralkitchen.processes.show.ShowPublications;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.routes.platform.PlatformAdapter;
import io.centralkitchen.routes.platform.PlatformAdapter.CueType;
import io.centralkitchen.routes.platform.PlatformAdapters;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A product's commerce cues, to every destination's platform at once: the flash sale of the product before it stops,
 * the product is pinned, its flash sale starts (when the rundown plans one). Each cue goes to each platform once (key:
 * show, slot, cue, platform); a platform that fails is retried without repeating what the others got.
 */
@Component("sendCommerceCues")
public class SendCommerceCues implements JavaDelegate {

    private final Shows shows;
    private final PlatformAdapters platforms;
    private final ShowPublications publications;


    public SendCommerceCues(Shows shows, PlatformAdapters platforms, ShowPublications publications) {
        this.shows = shows;
        this.platforms = platforms;
        this.publications = publications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Show show = ShowVariables.show(execution, shows);
        ShowSlot slot = shows.slot(ShowVariables.number(execution, "cueSlotId")).filter(s -> s.showId().equals(show.id()))
                .orElseThrow(() -> new IllegalStateException("Show '" + show.id() + "' has no such slot"));
        Optional<ShowSlot> before = shows.slots(show.id()).stream()
                .filter(s -> s.onAir() && s.id() != slot.id() && s.onAirMillis() <= slot.onAirMillis())
                .max(Comparator.comparingLong(ShowSlot::onAirMillis));
        List<ShowPublications.Target> targets = new ArrayList<>();
        for (ShowDestination d : shows.destinations(show.id())) {
            if (d.platform() == null || targets.stream().anyMatch(t -> t.platform().equals(d.platform()))) {
                continue;
            }
            if (before.isPresent() && before.get().hasFlashSale()) {
                targets.add(cue(show, d, before.get(), CueType.STOP_FLASH_SALE, null));
            }
            targets.add(cue(show, d, slot, CueType.PIN_PRODUCT, null));
            if (slot.hasFlashSale()) {
                targets.add(cue(show, d, slot, CueType.START_FLASH_SALE, slot.flashSalePrice()));
            }
        }
        publications.publish(show.id(), slot.id(), null, "CUE", "the cues of product slot " + slot.position() + " of " + show.id(), targets);
    }

    private ShowPublications.Target cue(Show show, ShowDestination d, ShowSlot slot, CueType type, BigDecimal price) {
        String key = "show:" + show.stationId() + ":" + show.id() + ":slot:" + slot.position() + ":" + type.name().toLowerCase()
                + ":" + d.platform();
        return new ShowPublications.Target(d.platform(), key, () -> platforms.get(show.stationId(), d.platform()).sendCommerceCue(
                new PlatformAdapter.CommerceCue(show.stationId(), key, type, d.liveRoomId(), Long.toString(slot.productId()), price, null)));
    }
}
