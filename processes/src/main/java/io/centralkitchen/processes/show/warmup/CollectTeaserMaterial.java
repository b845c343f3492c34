package io.centralkitchen.processes.show.warmup;

import io.centralkitchen.processes.show.ShowTexts;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The teaser's recipe for the media worker ({@code teaser} variable, media.teaser's JSON): the first seconds of each
 * product's video with its name and price, the show's date and time on top, in the vertical rendition profile. At
 * most ten products (the recipe stays a small variable); products without a video are left out.
 */
@Component("collectTeaserMaterial")
public class CollectTeaserMaterial implements JavaDelegate {

    static final int MAX_PARTS = 10;
    static final int VIDEOS_PER_PRODUCT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Shows shows;
    private final ShowProducts products;
    private final ShowProperties properties;
    private final io.centralkitchen.processes.show.clips.ClipStyleProperties style;

    public CollectTeaserMaterial(Shows shows, ShowProducts products, ShowProperties properties,
                                 io.centralkitchen.processes.show.clips.ClipStyleProperties style) {
        this.shows = shows;
        this.products = products;
        this.properties = properties;
        this.style = style;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        Show show = ShowVariables.show(execution, shows);
        ObjectNode teaser = JSON.createObjectNode().put("profile", properties.getVerticalProfile())
                .put("showLine", ShowTexts.onAirLine(show.airTime()) + " · " + show.title()).put("fadeSeconds", 0.5);
        String watermark = style.of(show.stationId()).watermark(true);
        if (watermark != null && !watermark.isBlank()) {
            teaser.put("watermark", watermark.strip()); // the station's mark, as on its 9:16 clips
        }
        ArrayNode parts = teaser.putArray("parts");
        for (ShowSlot slot : shows.slots(show.id())) {
            // the product's seconds shared by its first two videos: a teaser shows what the supplier filmed
            List<String> videos = products.videos(show.stationId(), slot.productId()).stream().limit(VIDEOS_PER_PRODUCT).toList();
            if (videos.isEmpty()) {
                continue;
            }
            Product product = products.require(show.stationId(), slot.productId());
            double seconds = properties.getTeaserSecondsPerProduct() / videos.size();
            for (String video : videos) {
                if (parts.size() >= MAX_PARTS) {
                    break;
                }
                parts.addObject().put("sourceKey", video).put("inSeconds", 0).put("outSeconds", seconds).put("title", product.name())
                        .put("price", "¥" + (slot.hasFlashSale() ? slot.flashSalePrice() : slot.price()).toPlainString());
            }
        }
        execution.setVariable("hasTeaserMaterial", !parts.isEmpty());
        execution.setVariable("teaser", JSON.writeValueAsString(teaser));
        execution.setVariable("teaserKey", io.centralkitchen.storage.StationKeys.teaser(show.stationId(), show.id()));
    }
}
