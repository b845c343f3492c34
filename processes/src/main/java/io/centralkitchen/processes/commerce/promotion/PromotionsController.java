package io.centralkitchen.processes.commerce.promotion;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.access.Roles;
import io.centralkitchen.processes.api.ApiExceptionHandler.AccessDeniedException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.Shows;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * {@code /api/shows/{show}/promotions}: marketers and producers plan a show's promotions (checked against the
 * commerce rules, refusals naming the field); producers publish a lottery's rules, fire promotions from the control
 * room (every platform at once) and draw lotteries. Another station's shows and promotions are "not found".
 */
@RestController
@RequestMapping("/api/shows/{showId}/promotions")
@Tag(name = "Promotions", description = "Flash sales, coupons, red envelopes, lotteries and reservations on a show")
public class PromotionsController {

    /** A promotion with each platform's answers and the results the platforms reported. */
    public record PromotionView(Promotion promotion, String ref, List<PromotionCues.Answer> answers, List<Promotions.Result> results,
                                Promotions.Draw draw) {
    }

    private final Shows shows;
    private final Promotions promotions;
    private final PromotionService service;
    private final PromotionCues cues;
    private final CurrentUser currentUser;

    public PromotionsController(Shows shows, Promotions promotions, PromotionService service, PromotionCues cues, CurrentUser currentUser) {
        this.shows = shows;
        this.promotions = promotions;
        this.service = service;
        this.cues = cues;
        this.currentUser = currentUser;
    }

    @Operation(summary = "The show's promotions, each with the platforms' answers and reported results")
    @GetMapping
    @PreAuthorize(Roles.SHOW_READERS)
    public List<PromotionView> list(@PathVariable String showId) {
        Show show = visible(showId, false);
        return promotions.ofShow(show.stationId(), show.id()).stream().map(this::view).toList();
    }

    @Operation(summary = "Plan a promotion (kind FLASH_SALE, COUPON, RED_ENVELOPE, LOTTERY or RESERVATION; terms per the commerce rules)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Roles.SHOW_READERS)
    public PromotionView plan(@PathVariable String showId, @RequestBody PromotionService.PromotionForm form) {
        Show show = visible(showId, false);
        return view(service.plan(show, form, currentUser.userId()));
    }

    @Operation(summary = "One promotion")
    @GetMapping("/{promotionId}")
    @PreAuthorize(Roles.SHOW_READERS)
    public PromotionView get(@PathVariable String showId, @PathVariable long promotionId) {
        return view(service.require(visible(showId, false), promotionId));
    }

    @Operation(summary = "Cancel a planned promotion")
    @PostMapping("/{promotionId}/cancel")
    @PreAuthorize(Roles.SHOW_READERS)
    public PromotionView cancel(@PathVariable String showId, @PathVariable long promotionId) {
        Show show = visible(showId, false);
        service.cancel(show, promotionId);
        return view(service.require(show, promotionId));
    }

    @Operation(summary = "Publish the promotion's rules (rulesText) on every platform of the show; a lottery starts only after")
    @PostMapping("/{promotionId}/rules/publish")
    @PreAuthorize(Roles.PRODUCERS)
    public PromotionView publishRules(@PathVariable String showId, @PathVariable long promotionId) {
        Show show = visible(showId, true);
        cues.publishRules(service.require(show, promotionId), currentUser.userId());
        return view(service.require(show, promotionId));
    }

    @Operation(summary = "Fire the promotion now: its cue goes to every platform of the show at once; answers recorded")
    @PostMapping("/{promotionId}/fire")
    @PreAuthorize(Roles.PRODUCERS)
    public PromotionView fire(@PathVariable String showId, @PathVariable long promotionId) {
        Show show = visible(showId, true);
        cues.fire(service.require(show, promotionId), currentUser.userId());
        return view(service.require(show, promotionId));
    }

    @Operation(summary = "Draw a started lottery: seed (random if left out) and entrants (the show's commenters if left out) recorded")
    @PostMapping("/{promotionId}/draw")
    @PreAuthorize(Roles.PRODUCERS)
    public Promotions.Draw draw(@PathVariable String showId, @PathVariable long promotionId,
                                @RequestBody(required = false) PromotionService.DrawForm form) {
        return service.draw(visible(showId, true), promotionId, form, currentUser.userId());
    }

    @Operation(summary = "The recorded draw and the winners drawn again from its seed and entrants (reproduced: true)")
    @GetMapping("/{promotionId}/draw")
    @PreAuthorize(Roles.SHOW_READERS)
    public Map<String, Object> replay(@PathVariable String showId, @PathVariable long promotionId) {
        return service.replay(visible(showId, false), promotionId);
    }

    private PromotionView view(Promotion p) {
        return new PromotionView(p, p.ref(), cues.answers(p), promotions.results(p.id()), promotions.draw(p.id()).orElse(null));
    }

    private Show visible(String showId, boolean producer) {
        Show show = shows.find(showId).filter(s -> currentUser.worksFor(s.stationId()))
                .orElseThrow(() -> new NotFoundException("There is no show '" + showId + "'"));
        boolean allowed = currentUser.isAdmin() || currentUser.isMemberOf(KitchenGroups.PRODUCERS)
                || !producer && currentUser.isMemberOf(KitchenGroups.MARKETERS);
        if (!allowed) {
            throw new AccessDeniedException("This needs membership of the 'producers'" + (producer ? "" : " or 'marketers'") + " group");
        }
        return show;
    }
}
