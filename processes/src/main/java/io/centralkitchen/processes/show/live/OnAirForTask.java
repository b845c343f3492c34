package io.centralkitchen.processes.show.live;

import io.centralkitchen.processes.api.Markdown;
import io.centralkitchen.media.live.DestinationStats;
import io.centralkitchen.processes.show.live.cluster.LiveCluster;
import io.centralkitchen.media.live.ShowStats;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.show.plan.RundownText;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the producer sees on air: the next product, the rundown so far, every destination's state and the player. */
@Component("onAirForTask")
public class OnAirForTask implements TaskListener {

    private final Shows shows;
    private final ShowProducts products;
    private final LiveCluster live;


    public OnAirForTask(Shows shows, ShowProducts products, LiveCluster live) {
        this.shows = shows;
        this.products = products;
        this.live = live;
    }

    @Override
    public void notify(DelegateTask task) {
        String showId = ShowVariables.showId(task);
        List<ShowSlot> slots = shows.slots(showId);
        Map<Long, Product> catalogue = products.of(task.getTenantId(), slots);
        StringBuilder md = new StringBuilder();
        md.append("Run the show from its **[control room](/shows/").append(showId).append("/control)**: the program, every")
                .append(" destination live, the rundown and the next product (key N).\n\n");
        Optional<ShowSlot> next = slots.stream().filter(s -> !s.onAir()).findFirst();
        md.append(next.map(s -> "Next product: **" + Markdown.text(catalogue.get(s.productId()).name()) + "** at ¥" + s.price().toPlainString()
                + (s.hasFlashSale() ? ", flash sale ¥" + s.flashSalePrice().toPlainString() : "") + ".")
                .orElse("Every product has been on air: end the show when you are done.")).append("\n\n");
        md.append(RundownText.table(slots, catalogue)).append('\n');
        live.stats(showId).ifPresent(stats -> {
            md.append("Program ").append(RundownText.clock(stats.programMillis())).append(", feed **").append(stats.state())
                    .append("**. Viewers of the station's site: [/live/").append(showId).append("/](/live/").append(showId).append("/)\n\n");
            for (DestinationStats d : stats.destinations()) {
                md.append("- ").append(d.id()).append(" (").append(d.platform()).append(", ").append(d.orientation()).append("): **")
                        .append(d.state()).append("**, ").append(Math.round(d.bitrateKbps())).append(" kbit/s\n");
            }
        });
        task.setVariableLocal("onAirSummary", md.toString());
    }
}
