package io.centralkitchen.processes.show;

import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.catalogue.Products;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalogue as the show sees it: the products of a rundown and the videos suppliers sent with them. */
@Component
public class ShowProducts {

    private final Products products;

    public ShowProducts(Products products) {
        this.products = products;
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

    /** The first video the supplier sent with the product (pre-selection media), if any. */
    public Optional<String> firstVideo(String stationId, long productId) {
        return products.firstVideo(stationId, productId);
    }
}
