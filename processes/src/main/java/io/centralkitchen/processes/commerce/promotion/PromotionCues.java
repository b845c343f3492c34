package io.centralkitchen.processes.commerce.promotion;

import io.centralkitchen.processes.api.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowDestination;
import io.centralkitchen.processes.show.ShowPublications;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.routes.platform.PlatformAdapter;
import io.centralkitchen.routes.platform.PlatformAdapter.CueType;
import io.centralkitchen.routes.platform.PlatformAdapters;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a promotion to every platform of its show at once, as commerce cues (flash sale, coupon, red envelope,
 * lottery, reservation) through {@link ShowPublications}: each platform once (key: station, show, promotion, platform),
 * its answer recorded in {@code show_publication} and the show's archive; a retry reaches only the platforms that
 * failed. A lottery's rules are published (a post on every platform) before it can start.
 */
@Service
public class PromotionCues {

    /** One platform's answer: SENT (with its reference), REFUSED or FAILED (with what it said); what: CUE or RULES. */
    public record Answer(String platform, String state, String detail, String what) {
    }

    private final Shows shows;
    private final Promotions promotions;
    private final ShowPublications publications;
    private final PlatformAdapters platforms;
    private final PromotionChecker checker;
    private final PriceHistory prices;
    private final ArchiveLog archive;

    public PromotionCues(Shows shows, Promotions promotions, ShowPublications publications, PlatformAdapters platforms,
                         PromotionChecker checker, PriceHistory prices, ArchiveLog archive) {
        this.shows = shows;
        this.promotions = promotions;
        this.publications = publications;
        this.platforms = platforms;
        this.checker = checker;
        this.prices = prices;
        this.archive = archive;
    }

    /** The answers the platforms gave so far to the promotion's cues and rules posts. */
    public List<Answer> answers(Promotion p) {
        List<String> keys = new ArrayList<>();
        for (ShowDestination d : targets(p.showId())) {
            keys.add(key(p, "cue", d.platform()));
            keys.add(key(p, "rules", d.platform()));
        }
        return promotions.answers(keys);
    }

    /** Publishes a lottery's (or red envelope's) rules on every platform of the show; they count once all have them. */
    public List<Answer> publishRules(Promotion p, String by) {
        Object rules = p.terms().get("rulesText");
        if (rules == null) {
            throw new InvalidFieldException("terms.rulesText", "A " + p.kind() + " has no rules text to publish");
        }
        Show show = open(p);
        List<ShowPublications.Target> targets = new ArrayList<>();
        for (ShowDestination d : targets(p.showId())) {
            String key = key(p, "rules", d.platform());
            targets.add(new ShowPublications.Target(d.platform(), key, () -> platforms.get(p.stationId(), d.platform()).publishPost(
                    new PlatformAdapter.Post(p.stationId(), key, p.title() + " — rules\n" + rules, null))));
        }
        send(show, p, "POST", "the rules of " + p.ref(), targets);
        List<Answer> answers = answers(p).stream().filter(a -> a.what().equals("RULES")).toList();
        if (!answers.isEmpty() && answers.stream().allMatch(a -> a.state().equals("SENT"))) {
            promotions.rulesPublished(p.stationId(), p.id(), Instant.now());
        }
        return answers;
    }

    /** Starts the promotion on every platform of the show at once (again: only where it failed). */
    public List<Answer> fire(Promotion p, String by) {
        Show show = open(p);
        if (Promotion.CANCELLED.equals(p.state())) {
            throw new ConflictException("Promotion " + p.ref() + " was cancelled");
        }
        boolean first = Promotion.PLANNED.equals(p.state());
        if (first && checker.type(p.kind()).rulesPublishedBeforeStart() && p.rulesPublishedAt() == null) {
            throw new InvalidFieldException("rulesPublishedAt", "The rules of " + p.ref() + " (a " + p.kind() + ") are published before"
                    + " it starts: POST /api/shows/" + p.showId() + "/promotions/" + p.id() + "/rules/publish first");
        }
        Optional<ShowSlot> slot = slot(p);
        if (p.slotPosition() != null && slot.isEmpty()) {
            throw new ConflictException("Show '" + p.showId() + "' has no slot " + p.slotPosition() + " any more (the rundown changed):"
                    + " cancel " + p.ref() + " and plan it on the product's new slot");
        }
        BigDecimal amount = amount(p);
        if (first && Promotion.FLASH_SALE.equals(p.kind())) {
            // the price history may have moved since the plan
            checker.reducedPrice(p.stationId(), slot.orElseThrow().productId(), amount, slot.get().price(), "terms.price");
        }
        CueType type = cueType(p);
        String sku = slot.map(s -> Long.toString(s.productId())).orElse(null);
        String coupon = (String) p.terms().get("code");
        List<ShowPublications.Target> targets = new ArrayList<>();
        for (ShowDestination d : targets(p.showId())) {
            String key = key(p, "cue", d.platform());
            targets.add(new ShowPublications.Target(d.platform(), key, () -> platforms.get(p.stationId(), d.platform()).sendCommerceCue(
                    new PlatformAdapter.CommerceCue(p.stationId(), key, type, d.liveRoomId(), sku, amount, coupon, p.ref()))));
        }
        send(show, p, "CUE", "promotion " + p.ref() + " (" + p.kind() + ")", targets);
        List<Answer> answers = answers(p).stream().filter(a -> a.what().equals("CUE")).toList();
        if (answers.stream().noneMatch(a -> a.state().equals("FAILED"))) {
            promotions.fired(p.stationId(), p.id(), by);
            if (first && Promotion.FLASH_SALE.equals(p.kind())) {
                prices.record(p.stationId(), slot.get().productId(), amount, "PROMOTION", p.ref(), Instant.now());
            }
            if (first) {
                Map<String, Object> fired = new LinkedHashMap<>();
                fired.put("promotion", p.ref());
                fired.put("kind", p.kind());
                fired.put("slotPosition", p.slotPosition());
                fired.put("terms", p.terms());
                fired.put("answers", answers.stream().map(a -> a.platform() + ": " + a.state()).toList());
                archive.document(p.stationId(), ArchiveSubject.show(p.showId()), "PROMOTION_FIRED", fired, by);
            }
        }
        return answers;
    }

    private void send(Show show, Promotion p, String kind, String what, List<ShowPublications.Target> targets) {
        if (targets.isEmpty()) {
            throw new ConflictException("Show '" + show.id() + "' has no destination on a platform account: nothing to send "
                    + p.ref() + " to");
        }
        try {
            publications.publish(show.id(), slot(p).map(ShowSlot::id).orElse(null), null, kind, what, targets);
        } catch (RuntimeException refusedOrFailed) {
            // each platform's answer is recorded; the caller sees them
        }
    }

    private Show open(Promotion p) {
        Show show = shows.require(p.stationId(), p.showId());
        if (!List.of(Show.PLANNED, Show.WARMING_UP, Show.LIVE).contains(show.state())) {
            throw new ConflictException("Show '" + show.id() + "' is " + show.state() + ": its promotions are over");
        }
        return show;
    }

    private List<ShowDestination> targets(String showId) {
        List<ShowDestination> list = new ArrayList<>();
        for (ShowDestination d : shows.destinations(showId)) {
            if (d.platform() != null && list.stream().noneMatch(t -> t.platform().equals(d.platform()))) {
                list.add(d);
            }
        }
        return list;
    }

    private Optional<ShowSlot> slot(Promotion p) {
        return p.slotPosition() == null ? Optional.empty()
                : shows.slots(p.showId()).stream().filter(s -> s.position() == p.slotPosition()).findFirst();
    }

    /** The cue of a kind; a kind an operator added to the rules file has none to send. */
    private static CueType cueType(Promotion p) {
        try {
            return CueType.valueOf(Promotion.FLASH_SALE.equals(p.kind()) ? "START_FLASH_SALE" : p.kind());
        } catch (IllegalArgumentException e) {
            throw new ConflictException("Promotions of kind " + p.kind() + " have no commerce cue the platforms know (FLASH_SALE,"
                    + " COUPON, RED_ENVELOPE, LOTTERY, RESERVATION): " + p.ref() + " can be planned but not fired");
        }
    }

    private static BigDecimal amount(Promotion p) {
        Object value = switch (p.kind()) {
            case Promotion.FLASH_SALE -> p.terms().get("price");
            case Promotion.RED_ENVELOPE -> p.terms().get("totalAmount");
            case Promotion.LOTTERY -> p.terms().get("topPrize");
            default -> null;
        };
        return value == null ? null : new BigDecimal(value.toString());
    }

    private static String key(Promotion p, String what, String platform) {
        return "promotion:" + p.stationId() + ":" + p.showId() + ":" + p.id() + ":" + what + ":" + platform;
    }
}
