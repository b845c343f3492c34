package io.centralkitchen.processes.show.warmup;

import io.centralkitchen.processes.show.ShowTexts;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowDestination;
import io.centralkitchen.processes.show.ShowLinks;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowPublications;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.routes.platform.PlatformAdapter;
import io.centralkitchen.routes.platform.PlatformAdapters;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One warm-up post to every destination's platform at once: the show's title, air time and products with their prices,
 * and the teaser when marketers approved it. Each platform gets each post once (key: show, post time, platform).
 */
@Component("publishWarmUpPost")
public class PublishWarmUpPost implements JavaDelegate {

    private final Shows shows;
    private final ShowProducts products;
    private final ShowLinks links;
    private final PlatformAdapters platforms;
    private final ShowPublications publications;


    public PublishWarmUpPost(Shows shows, ShowProducts products, ShowLinks links, PlatformAdapters platforms,
                             ShowPublications publications) {
        this.shows = shows;
        this.products = products;
        this.links = links;
        this.platforms = platforms;
        this.publications = publications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Show show = ShowVariables.show(execution, shows);
        String postTime = ShowVariables.text(execution, "postTime");
        String text = text(show, shows.slots(show.id()));
        String media = "APPROVED".equals(show.teaserState()) ? links.published(show.teaserKey()) : null;
        List<ShowPublications.Target> targets = platformsOf(shows.destinations(show.id())).stream()
                .map(platform -> new ShowPublications.Target(platform, "show:" + show.stationId() + ":" + show.id() + ":post:"
                        + postTime + ":" + platform, () -> platforms.get(show.stationId(), platform).publishPost(new PlatformAdapter.Post(
                        show.stationId(), "show:" + show.stationId() + ":" + show.id() + ":post:" + postTime + ":" + platform,
                        text, media)))).toList();
        publications.publish(show.id(), null, null, "POST", "the warm-up post of " + show.id(), targets);
    }

    String text(Show show, List<ShowSlot> slots) {
        Map<Long, Product> catalogue = products.of(show.stationId(), slots);
        String line = slots.stream().map(s -> catalogue.containsKey(s.productId())
                        ? catalogue.get(s.productId()).name() + " ¥" + (s.hasFlashSale() ? s.flashSalePrice() : s.price()).toPlainString() : null)
                .filter(java.util.Objects::nonNull).collect(Collectors.joining("、"));
        return "【直播预告】" + show.title() + " · " + ShowTexts.onAirLine(show.airTime()) + (line.isEmpty() ? "" : "：" + line);
    }

    static List<String> platformsOf(List<ShowDestination> destinations) {
        return destinations.stream().map(ShowDestination::platform).filter(java.util.Objects::nonNull).distinct().toList();
    }
}
