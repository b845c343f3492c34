package io.centralkitchen.processes.show.library;

import io.centralkitchen.processes.show.ShowLinks;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The station's asset library: every recording, clip, rendition, cover and teaser of its shows, searchable by show,
 * product, supplier, host, platform, air date, kind and status (published where and when), a page at a time with
 * short-lived presigned previews. A search names one station; nothing of another station is ever read.
 */
@Service
public class AssetLibrary {

    public record Product(long id, String name, long supplierId, String supplier) {
    }

    public record Publication(String platform, String state, Instant at, String reference) {
    }

    /**
     * @param variant RENDITION: 9:16 or 16:9 (the station's mark), or "9:16 for douyin,kuaishou" (those platforms' own)
     * @param key     the object's key in the station's store
     */
    public record Asset(String kind, String variant, String key, String stationId, String showId, String showTitle, Instant airTime,
                        Long clipId, Integer slotPosition, List<Product> products, List<String> hosts, String state,
                        List<Publication> publications, String preview) {
    }

    public record Page(String stationId, int page, int size, int total, boolean showsTruncated, List<Asset> assets) {
    }

    private final AssetRows rows;
    private final ShowLinks links;

    public AssetLibrary(AssetRows rows, ShowLinks links) {
        this.rows = rows;
        this.links = links;
    }

    public Page search(String stationId, AssetQuery q) {
        List<AssetRows.ShowRow> shows = rows.shows(stationId, q);
        List<Asset> found = new ArrayList<>();
        for (AssetRows.ShowRow show : shows) {
            for (Asset a : assetsOf(show)) {
                if (matches(a, q)) {
                    found.add(a);
                }
            }
        }
        int from = Math.min(found.size(), q.page() * q.size());
        int to = Math.min(found.size(), from + q.size());
        List<Asset> page = found.subList(from, to).stream().map(a -> new Asset(a.kind(), a.variant(), a.key(), a.stationId(),
                a.showId(), a.showTitle(), a.airTime(), a.clipId(), a.slotPosition(), a.products(), a.hosts(), a.state(),
                a.publications(), links.preview(a.key()))).toList();
        return new Page(stationId, q.page(), q.size(), found.size(), shows.size() >= AssetRows.MAX_SHOWS, page);
    }

    private List<Asset> assetsOf(AssetRows.ShowRow show) {
        List<AssetRows.ProductRow> slots = rows.products(show.stationId(), show.id());
        Map<Long, Set<String>> hosts = rows.hosts(show.stationId(), show.id());
        List<AssetRows.PublicationRow> publications = rows.publications(show.id());
        Set<String> allHosts = new LinkedHashSet<>();
        hosts.values().forEach(allHosts::addAll);
        List<Product> allProducts = slots.stream().map(AssetLibrary::product).distinct().toList();
        List<Asset> assets = new ArrayList<>();
        if (show.manifestKey() != null) {
            assets.add(asset(show, "RECORDING", null, show.manifestKey(), null, null, allProducts, allHosts, show.state(), List.of()));
        }
        if (show.teaserKey() != null) {
            List<Publication> posts = publications.stream().filter(p -> p.kind().equals("POST")).map(AssetLibrary::publication).toList();
            assets.add(asset(show, "TEASER", null, show.teaserKey(), null, null, allProducts, allHosts, show.teaserState(), posts));
        }
        List<AssetRows.MarkRenditionRow> marked = rows.markRenditions(show.stationId(), show.id());
        for (AssetRows.ClipRow clip : rows.clips(show.id())) {
            AssetRows.ProductRow slot = slots.stream().filter(s -> s.slotId() == clip.slotId()).findFirst().orElse(null);
            List<Product> product = slot == null ? List.of() : List.of(product(slot));
            Set<String> clipHosts = new LinkedHashSet<>(hosts.getOrDefault(clip.slotId(), Set.of()));
            clipHosts.addAll(hosts.getOrDefault(null, Set.of()));
            List<Publication> sent = publications.stream().filter(p -> Objects.equals(p.clipId(), clip.id()))
                    .map(AssetLibrary::publication).toList();
            Integer position = slot == null ? null : slot.position();
            String clipKey = clip.currentKey() != null ? clip.currentKey() : clip.copyKey();
            if (clipKey != null) {
                assets.add(asset(show, "CLIP", clip.kind(), clipKey, clip.id(), position, product, clipHosts, clip.state(), sent));
            }
            if (clip.verticalKey() != null) {
                assets.add(asset(show, "RENDITION", "9:16", clip.verticalKey(), clip.id(), position, product, clipHosts, clip.state(), sent));
            }
            if (clip.landscapeKey() != null) {
                assets.add(asset(show, "RENDITION", "16:9", clip.landscapeKey(), clip.id(), position, product, clipHosts, clip.state(), sent));
            }
            for (AssetRows.MarkRenditionRow m : marked) {
                if (m.clipId() == clip.id() && clip.verticalKey() != null) {
                    assets.add(asset(show, "RENDITION", ("VERTICAL".equals(m.shape()) ? "9:16" : "16:9") + " for " + m.platforms(), m.key(),
                            clip.id(), position, product, clipHosts, clip.state(), sent));
                }
            }
            if (clip.coverKey() != null) {
                assets.add(asset(show, "COVER", null, clip.coverKey(), clip.id(), position, product, clipHosts, clip.state(), sent));
            }
        }
        return assets;
    }

    static boolean matches(Asset a, AssetQuery q) {
        if (q.kind() != null && !q.kind().equals(a.kind())) {
            return false;
        }
        if (q.productId() != null && a.products().stream().noneMatch(p -> p.id() == q.productId())) {
            return false;
        }
        if (q.supplierId() != null && a.products().stream().noneMatch(p -> p.supplierId() == q.supplierId())) {
            return false;
        }
        if (q.host() != null) {
            String wanted = q.host().toLowerCase(Locale.ROOT);
            if (a.hosts().stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).contains(wanted))) {
                return false;
            }
        }
        boolean published = a.publications().stream().anyMatch(p -> p.state().equals("SENT")
                && (q.platform() == null || p.platform().equals(q.platform())));
        if (q.platform() != null && !published) {
            return false;
        }
        if (q.status() != null) {
            return switch (q.status()) {
                case "PUBLISHED" -> published;
                case "UNPUBLISHED" -> a.publications().stream().noneMatch(p -> p.state().equals("SENT"));
                default -> q.status().equals(a.state());
            };
        }
        return true;
    }

    private static Asset asset(AssetRows.ShowRow show, String kind, String variant, String key, Long clipId, Integer position,
                               List<Product> products, Set<String> hosts, String state, List<Publication> publications) {
        return new Asset(kind, variant, key, show.stationId(), show.id(), show.title(), show.airTime(), clipId, position, products,
                List.copyOf(hosts), state, publications, null);
    }

    private static Product product(AssetRows.ProductRow slot) {
        return new Product(slot.productId(), slot.name(), slot.supplierId(), slot.supplier());
    }

    private static Publication publication(AssetRows.PublicationRow p) {
        return new Publication(p.platform(), p.state(), p.at(), p.reference());
    }
}
