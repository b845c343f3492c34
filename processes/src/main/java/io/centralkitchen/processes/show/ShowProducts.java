package io.centralkitchen.processes.show;

import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.preselection.Dossier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalogue as the show sees it: the products of a rundown and the videos suppliers sent with them. */
@Component
public class ShowProducts {

    private final Dossier catalogue;
    private final JdbcTemplate jdbc;

    public ShowProducts(Dossier catalogue, JdbcTemplate jdbc) {
        this.catalogue = catalogue;
        this.jdbc = jdbc;
    }

    public Map<Long, Product> of(List<ShowSlot> slots) {
        Map<Long, Product> products = new LinkedHashMap<>();
        for (ShowSlot slot : slots) {
            catalogue.product(slot.productId()).ifPresent(p -> products.put(p.id(), p));
        }
        return products;
    }

    public Product require(long productId) {
        return catalogue.requireProduct(productId);
    }

    /** The first video the supplier sent with the product (pre-selection media), if any. */
    public Optional<String> firstVideo(long productId) {
        return jdbc.queryForList("select object_key from product_media where product_id = ? and content_type like 'video/%'"
                + " order by id", String.class, productId).stream().findFirst();
    }
}
