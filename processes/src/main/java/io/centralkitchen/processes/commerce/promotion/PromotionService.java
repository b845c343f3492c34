package io.centralkitchen.processes.commerce.promotion;

import io.centralkitchen.processes.api.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.commerce.CommerceRules.TypeRules;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.processes.commerce.CommerceRules;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plans promotions on a show (checked against the commerce rules), cancels them, and draws lotteries reproducibly:
 * the seed (given or random) and the entrants (given, or the show's commenters) are recorded with the winners.
 */
@Service
public class PromotionService {

    /** A planned promotion: kind, the slot (by position) or none for the whole show, a title, when, and its terms. */
    public record PromotionForm(String kind, Integer slotPosition, String title, String startsAt, Map<String, Object> terms) {
    }

    /** A draw: the seed (random when left out) and the entrants (the show's commenters when left out). */
    public record DrawForm(String seed, List<String> entrants) {
    }

    public static final int MAX_PER_SHOW = 200;
    public static final int MAX_ENTRANTS = 100_000;
    private static final Pattern SEED = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern ENTRANT = Pattern.compile("[^\\p{Cntrl}]{1,128}");

    private final Shows shows;
    private final Promotions promotions;
    private final PromotionChecker checker;
    private final ArchiveLog archive;
    private final SecureRandom random = new SecureRandom();

    public PromotionService(Shows shows, Promotions promotions, PromotionChecker checker, ArchiveLog archive) {
        this.shows = shows;
        this.promotions = promotions;
        this.checker = checker;
        this.archive = archive;
    }

    public Promotion require(Show show, long id) {
        return promotions.find(show.stationId(), id).filter(p -> p.showId().equals(show.id()))
                .orElseThrow(() -> new NotFoundException("Show '" + show.id() + "' has no promotion " + id));
    }

    @Transactional
    public Promotion plan(Show show, PromotionForm form, String by) {
        if (!List.of(Show.PLANNED, Show.WARMING_UP, Show.LIVE).contains(show.state())) {
            throw new ConflictException("Show '" + show.id() + "' is " + show.state() + ": promotions are planned before or during it");
        }
        if (form == null) {
            throw new InvalidFieldException("kind", "Send the promotion's kind and terms");
        }
        TypeRules type = checker.type(form.kind());
        ShowSlot slot = null;
        if (form.slotPosition() != null) {
            slot = shows.slots(show.id()).stream().filter(s -> s.position() == form.slotPosition()).findFirst()
                    .orElseThrow(() -> new InvalidFieldException("slotPosition", "Show '" + show.id() + "' has no slot "
                            + form.slotPosition()));
        } else if (type.slotRequired()) {
            throw new InvalidFieldException("slotPosition", "A " + type.type() + " is for one product: name its slot (slotPosition)");
        }
        String title = form.title() == null || form.title().isBlank() ? type.type().replace('_', ' ').toLowerCase() : form.title().strip();
        if (title.length() > 200) {
            throw new InvalidFieldException("title", "A promotion's title has at most 200 characters");
        }
        Instant startsAt = null;
        if (form.startsAt() != null && !form.startsAt().isBlank()) {
            try {
                startsAt = CommerceRules.parseTime(form.startsAt().length() > 40 ? "x" : form.startsAt());
            } catch (RuntimeException e) {
                throw new InvalidFieldException("startsAt", "'" + form.startsAt() + "' is not an ISO-8601 time like 2026-05-01T20:05:00+08:00");
            }
            if (startsAt.isBefore(Instant.now().minusSeconds(60))) {
                throw new InvalidFieldException("startsAt", "The start " + startsAt + " has passed: leave it out to fire by hand");
            }
        }
        Map<String, Object> terms = checker.terms(type, form.terms(), show.stationId(), slot == null ? null : slot.productId(),
                slot == null ? null : slot.price());
        if (promotions.ofShow(show.stationId(), show.id()).size() >= MAX_PER_SHOW) {
            throw new ConflictException("Show '" + show.id() + "' has " + MAX_PER_SHOW + " promotions already");
        }
        long id = promotions.insert(show.stationId(), show.id(), form.slotPosition(), type.type(), title, terms, startsAt, by);
        Promotion p = promotions.find(show.stationId(), id).orElseThrow();
        Map<String, Object> planned = new LinkedHashMap<>();
        planned.put("promotion", p.ref());
        planned.put("kind", p.kind());
        planned.put("slotPosition", p.slotPosition());
        planned.put("startsAt", startsAt == null ? null : startsAt.toString());
        planned.put("terms", terms);
        archive.document(show.stationId(), ArchiveSubject.show(show.id()), "PROMOTION_PLANNED", planned, by);
        return p;
    }

    public void cancel(Show show, long id) {
        Promotion p = require(show, id);
        if (!promotions.cancel(show.stationId(), p.id())) {
            throw new ConflictException("Promotion " + p.ref() + " is " + p.state() + ": only a planned one can be cancelled");
        }
    }

    /** Draws a started lottery once; a repeated draw answers the recorded one. */
    @Transactional
    public Promotions.Draw draw(Show show, long id, DrawForm form, String by) {
        Promotion p = require(show, id);
        if (!Promotion.LOTTERY.equals(p.kind())) {
            throw new ConflictException("Promotion " + p.ref() + " is a " + p.kind() + ", not a lottery");
        }
        var existing = promotions.draw(p.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!Promotion.FIRED.equals(p.state())) {
            throw new ConflictException("Lottery " + p.ref() + " has not started (it is " + p.state() + "): fire it first");
        }
        String seed = form == null || form.seed() == null || form.seed().isBlank() ? HexFormat.of().formatHex(random.generateSeed(16))
                : form.seed().strip();
        if (!SEED.matcher(seed).matches()) {
            throw new InvalidFieldException("seed", "A seed is 8 to 64 letters, digits, '-' or '_'");
        }
        List<String> given = form == null || form.entrants() == null ? promotions.commenters(show.stationId(), show.id(), MAX_ENTRANTS)
                : form.entrants();
        if (given.size() > MAX_ENTRANTS) {
            throw new InvalidFieldException("entrants", "At most " + MAX_ENTRANTS + " entrants, got " + given.size());
        }
        List<String> cleaned = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String e = given.get(i) == null ? "" : given.get(i).strip();
            if (!ENTRANT.matcher(e).matches()) {
                throw new InvalidFieldException("entrants[" + i + "]", "An entrant is 1 to 128 characters without control characters");
            }
            cleaned.add(e);
        }
        List<String> entrants = LotteryDraw.canonical(cleaned);
        if (entrants.isEmpty()) {
            throw new InvalidFieldException("entrants", "Lottery " + p.ref() + " has no entrants (none given, no comments on the show)");
        }
        int count = ((Number) p.terms().get("winners")).intValue();
        Promotions.Draw draw = new Promotions.Draw(p.id(), seed, LotteryDraw.hash(entrants), entrants.size(),
                LotteryDraw.winners(seed, entrants, count), by, Instant.now());
        promotions.insertDraw(draw, entrants);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("promotion", p.ref());
        record.put("seed", draw.seed());
        record.put("entrantsSha256", draw.entrantsHash());
        record.put("entrantCount", draw.entrantCount());
        record.put("winners", draw.winners());
        archive.document(show.stationId(), ArchiveSubject.show(show.id()), "LOTTERY_DRAW", record, by);
        return draw;
    }

    /** The recorded draw, and the winners drawn again from its recorded seed and entrants. */
    public Map<String, Object> replay(Show show, long id) {
        Promotion p = require(show, id);
        Promotions.Draw draw = promotions.draw(p.id()).orElseThrow(() -> new NotFoundException("Lottery " + p.ref() + " has not been drawn"));
        List<String> entrants = promotions.entrants(p.id());
        List<String> again = LotteryDraw.winners(draw.seed(), entrants, draw.winners().size());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("draw", draw);
        view.put("entrantsSha256Again", LotteryDraw.hash(entrants));
        view.put("winnersAgain", again);
        view.put("reproduced", again.equals(draw.winners()) && LotteryDraw.hash(entrants).equals(draw.entrantsHash()));
        return view;
    }
}
