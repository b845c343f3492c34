package io.centralkitchen.processes.demo;

import io.centralkitchen.processes.catalogue.ProductVideos;
import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.catalogue.Suppliers;
import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.catalogue.ProductCategory;
import io.centralkitchen.processes.catalogue.CreditCode;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StoredObject;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Products for a demonstration (and the end-to-end test): a public-welfare supplier of a county and its products,
 * approved as if they had passed pre-selection, each with a short video made on the spot (test pattern with the
 * product's name) as the supplier's product video. Nothing here is used by a real station's flow.
 */
@Component
public class DemoCatalogue {

    /** A product to seed: name, price, and the county its supplier is in. */
    public record Item(String name, ProductCategory category, String price, String unit) {
    }

    public static final List<Item> HARVEST = List.of(
            new Item("衡山红茶 Hengshan black tea 250 g", ProductCategory.FOOD, "39.90", "tin"),
            new Item("赣南脐橙 Navel oranges 5 kg", ProductCategory.FOOD, "59.00", "box"),
            new Item("山区土蜂蜜 Mountain honey 500 g", ProductCategory.FOOD, "68.00", "jar"));

    private final Suppliers suppliers;
        private final MediaStore store;


    private final Products products;

    private final ProductVideos videos;

    public DemoCatalogue(Suppliers suppliers, MediaStore store, Products products, ProductVideos videos) {
        this.videos = videos;
        this.products = products;
        this.suppliers = suppliers;
        this.store = store;
    }

    /** Seeds a supplier of {@code county} with the items, approved, with videos; returns the product ids in order. */
    public List<Long> seed(String stationId, String supplierName, String county, List<Item> items, Path workDir) throws Exception {
        long supplierId = supplier(stationId, supplierName, county);
        List<Long> ids = new ArrayList<>();
        Files.createDirectories(workDir);
        for (Item item : items) {
            long productId = products.insert(stationId, supplierId, item.name(), item.category(), new BigDecimal(item.price()),
                    item.unit(), 500, List.of(), List.of());
            products.changeStatus(productId, Product.APPROVED, "Demonstration product");
            Path video = workDir.resolve("product-" + productId + ".mp4");
            SyntheticSignal.writeFile(video, "mp4", Duration.ofSeconds(4), 320, 180, 25, 25, "product " + productId);
            String key = io.centralkitchen.storage.StationKeys.productMedia(stationId, supplierId, productId, 1, "video.mp4");
            StoredObject stored = store.put(key, video, "video/mp4");
            long mediaId = products.addMedia(stationId, productId, key, "video.mp4", "video/mp4", stored.size(), stored.sha256());
            videos.facts(mediaId, 4000, 320, 180, "h264", true);
            videos.ready(mediaId, null, null); // made here in the editing profile's shape: it is its own mezzanine
            Files.deleteIfExists(video);
            ids.add(productId);
        }
        return ids;
    }

    private long supplier(String stationId, String name, String county) {
        StringBuilder code = new StringBuilder("93430400");
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (int i = 0; i < 9; i++) {
            code.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        String creditCode = code + String.valueOf(CreditCode.checkCharacter(code.toString()));
        return suppliers.insert(new Suppliers.NewSupplier(stationId, name, creditCode, null, null, null, "Hunan", county, true,
                "Rural revitalisation partner county", null));
    }
}
