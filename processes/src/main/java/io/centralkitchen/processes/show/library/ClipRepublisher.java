package io.centralkitchen.processes.show.library;

import io.centralkitchen.processes.api.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowLinks;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.ShowPublications;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.routes.platform.PlatformAdapter;
import io.centralkitchen.routes.platform.PlatformAdapters;
import io.centralkitchen.routes.platform.PlatformKind;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Publishes an approved clip from the library to another of the station's platforms, through the same path as the
 * show's own publication ({@link ShowPublications}, {@code show_publication}) with the same idempotency key
 * (show, clip, platform): a platform that already has the clip is not sent it again, a retry after a failure is.
 */
@Service
public class ClipRepublisher {

    /** Platforms that show shopping clips upright. */
    static final Set<PlatformKind> VERTICAL = Set.of(PlatformKind.DOUYIN, PlatformKind.KUAISHOU, PlatformKind.WECHAT_CHANNELS,
            PlatformKind.TAOBAO_LIVE);

    public record Result(long clipId, String platform, String shape, String idempotencyKey, String state, String detail) {
    }

    private final AssetRows rows;
    private final Shows shows;
    private final ShowClips clips;
    private final ShowProducts products;
    private final ShowLinks links;
    private final PlatformAdapters platforms;
    private final ShowPublications publications;
    private final io.centralkitchen.processes.show.clips.ClipMarks marks;
    private final ShowProperties properties;

    public ClipRepublisher(AssetRows rows, Shows shows, ShowClips clips, ShowProducts products, ShowLinks links,
                           PlatformAdapters platforms, ShowPublications publications, ShowProperties properties,
                           io.centralkitchen.processes.show.clips.ClipMarks marks) {
        this.marks = marks;
        this.rows = rows;
        this.shows = shows;
        this.clips = clips;
        this.products = products;
        this.links = links;
        this.platforms = platforms;
        this.publications = publications;
        this.properties = properties;
    }

    /** @param shape VERTICAL or LANDSCAPE; null for the platform's usual shape */
    public Result republish(String stationId, long clipId, String platform, String shape) {
        String showId = rows.showOfClip(stationId, clipId).orElseThrow(() -> new NotFoundException("There is no clip " + clipId));
        Show show = shows.require(stationId, showId);
        ShowClips.ShowClip clip = clips.require(showId, clipId);
        if (!"APPROVED".equals(clip.state()) && !"PUBLISHED".equals(clip.state())) {
            throw new ConflictException("Clip " + clipId + " is " + clip.state() + ": only approved clips are published");
        }
        if (platform == null || platform.isBlank() || platform.length() > 64) {
            throw new InvalidFieldException("platform", "Name one of the station's platform accounts");
        }
        Map<String, PlatformAdapter> accounts = platforms.accounts(stationId);
        PlatformAdapter adapter = accounts.get(platform);
        if (adapter == null) {
            throw new InvalidFieldException("platform", "Station '" + stationId + "' has no platform account '" + platform
                    + "'; its accounts: " + String.join(", ", accounts.keySet().stream().sorted().toList()));
        }
        boolean vertical = shape == null ? VERTICAL.contains(adapter.kind()) : switch (shape.toUpperCase(Locale.ROOT)) {
            case "VERTICAL" -> true;
            case "LANDSCAPE" -> false;
            default -> throw new InvalidFieldException("shape", "must be VERTICAL or LANDSCAPE (got '"
                    + (shape.length() > 20 ? shape.substring(0, 20) : shape) + "')");
        };
        String rendition = vertical ? clip.verticalKey() : clip.landscapeKey();
        if (rendition != null) {
            rendition = marks.renditionFor(stationId, clip, platform, vertical);
        }
        if (rendition == null) {
            throw new ConflictException("Clip " + clipId + " has no " + (vertical ? "9:16" : "16:9") + " rendition");
        }
        ShowSlot slot = shows.slot(clip.slotId()).orElseThrow();
        Product product = products.require(stationId, clip.productId());
        String productUrl = properties.getProductUrl() == null || properties.getProductUrl().isBlank() ? null
                : properties.getProductUrl().replace("{productId}", Long.toString(product.id()));
        String key = "show:" + stationId + ":" + show.id() + ":clip:" + clip.id() + ":" + platform;
        String media = links.published(rendition);
        ShowPublications.Target target = new ShowPublications.Target(platform, key, () -> adapter.publishClip(
                new PlatformAdapter.Clip(stationId, key, product.name(), media, Long.toString(product.id()), slot.price(),
                        properties.getCurrency(), productUrl)));
        List<ShowPublications.Result> results;
        try {
            results = publications.publish(show.id(), slot.id(), clip.id(), "CLIP", "the clip of " + product.name(), List.of(target));
        } catch (BpmnError refused) {
            return new Result(clipId, platform, vertical ? "VERTICAL" : "LANDSCAPE", key, "REFUSED", refused.getMessage());
        } catch (IllegalStateException failed) {
            return new Result(clipId, platform, vertical ? "VERTICAL" : "LANDSCAPE", key, "FAILED", failed.getMessage());
        }
        ShowPublications.Result result = results.get(0);
        if ("SENT".equals(result.state())) {
            clips.published(clip.id());
        }
        return new Result(clipId, platform, vertical ? "VERTICAL" : "LANDSCAPE", key, result.state(), result.detail());
    }
}
