package io.centralkitchen.processes.show;

import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.catalogue.ProductVideos;
import io.centralkitchen.processes.catalogue.Products;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalogue as the show sees it: the products of a rundown and the videos suppliers sent with them. */
@Component
public class ShowProducts {

    private final Products products;
    private final ProductVideos videos;

    public ShowProducts(Products products, ProductVideos videos) {
        this.products = products;
        this.videos = videos;
    }

    /** The products of the slots, looked up in the show's station only. */
    public Map<Long, Product> of(String stationId, List<ShowSlot> slots) {
        Map<Long, Product> found = new LinkedHashMap<>();
        for (ShowSlot slot : slots) {
            products.find(stationId, slot.productId()).ifPresent(p -> found.put(p.id(), p));
        }
        return found;
    }

    public Product require(String stationId, long productId) {
        return products.require(stationId, productId);
    }

    /**
     * The supplier's videos of the product that a show may use (checked and ready in pre-selection), as the keys of
     * their editing renditions, in the order sent.
     */
    public List<String> videos(String stationId, long productId) {
        return videos.usable(stationId, productId).stream().map(ProductVideos.Video::editingKey).toList();
    }
}
