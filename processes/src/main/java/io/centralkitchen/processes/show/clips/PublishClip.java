package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowDestination;
import io.centralkitchen.processes.show.ShowLinks;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.ShowPublications;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.routes.platform.PlatformAdapter;
import io.centralkitchen.routes.platform.PlatformAdapters;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The approved clip goes to every destination's platform at once, in the rendition of the platform's shape (9:16 for
 * the vertical shopping platforms, 16:9 for the others) carrying the platform's own mark if it has one
 * ({@link ClipMarks}), and with the product: name, SKU (our product id, which order
 * webhooks echo), the slot's price, the product page. Each platform gets the clip once (key: show, clip, platform).
 */
@Component("publishClip")
public class PublishClip implements JavaDelegate {

    private final Shows shows;
    private final ShowClips clips;
    private final ShowProducts products;
    private final ShowLinks links;
    private final LiveEngine live;
    private final PlatformAdapters platforms;
    private final ShowPublications publications;
    private final ShowProperties properties;
    private final ClipMarks marks;

    public PublishClip(Shows shows, ShowClips clips, ShowProducts products, ShowLinks links, LiveEngine live,
                       PlatformAdapters platforms, ShowPublications publications, ShowProperties properties, ClipMarks marks) {
        this.marks = marks;
        this.shows = shows;
        this.clips = clips;
        this.products = products;
        this.links = links;
        this.live = live;
        this.platforms = platforms;
        this.publications = publications;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Show show = ShowVariables.show(execution, shows);
        ShowClips.ShowClip clip = clips.require(ShowVariables.showId(execution), ShowVariables.number(execution, "clipId"));
        ShowSlot slot = shows.slot(clip.slotId()).orElseThrow();
        Product product = products.require(show.stationId(), clip.productId());
        String productUrl = properties.getProductUrl() == null || properties.getProductUrl().isBlank() ? null
                : properties.getProductUrl().replace("{productId}", Long.toString(product.id()));
        List<ShowPublications.Target> targets = new ArrayList<>();
        for (ShowDestination d : shows.destinations(show.id())) {
            if (d.platform() == null || targets.stream().anyMatch(t -> t.platform().equals(d.platform()))) {
                continue;
            }
            boolean vertical = ClipMarks.vertical(live, d);
            String media = links.published(marks.renditionFor(show.stationId(), clip, d.platform(), vertical));
            String key = "show:" + show.stationId() + ":" + show.id() + ":clip:" + clip.id() + ":" + d.platform();
            targets.add(new ShowPublications.Target(d.platform(), key, () -> platforms.get(show.stationId(), d.platform()).publishClip(
                    new PlatformAdapter.Clip(show.stationId(), key, product.name(), media, Long.toString(product.id()),
                            slot.price(), properties.getCurrency(), productUrl))));
        }
        publications.publish(show.id(), slot.id(), clip.id(), "CLIP", "the clip of " + product.name(), targets);
        clips.published(clip.id());
    }
}
