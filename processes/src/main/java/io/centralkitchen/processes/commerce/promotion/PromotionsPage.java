package io.centralkitchen.processes.commerce.promotion;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.api.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowReaders;
import io.centralkitchen.processes.show.Shows;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /shows/{showId}/promotions}: the show's promotions as a page for producers and marketers of its station —
 * each with its kind, slot, terms, state, every platform's answer, the reported results and a lottery's draw; a plan
 * form per kind made from the commerce rules (a refusal shown next to the field it names); and, for producers, the
 * buttons that publish a lottery's rules, fire a promotion on every platform at once and draw a lottery. Plain forms
 * (Thymeleaf adds the CSRF token to every {@code th:action} form; no script); the same checks as {@code /api/shows/{showId}/promotions}. Another station's show is "not
 * found".
 */
@Controller
public class PromotionsPage {

    /** A promotion, its slot as the page names it, and whether firing it (again) would send anything. */
    public record Row(PromotionsController.PromotionView view, String slot, boolean fireable) {
    }

    /** A slot the plan form offers. */
    public record SlotOption(int position, String name) {
    }

    private static final int MAX_ENTRANTS_TEXT = 4_000_000;

    private final Shows shows;
    private final ShowProducts products;
    private final Promotions promotions;
    private final PromotionService service;
    private final PromotionCues cues;
    private final PromotionPageForms forms;
    private final ShowReaders readers;
    private final CurrentUser currentUser;

    public PromotionsPage(Shows shows, ShowProducts products, Promotions promotions, PromotionService service, PromotionCues cues,
                          PromotionPageForms forms, ShowReaders readers, CurrentUser currentUser) {
        this.shows = shows;
        this.products = products;
        this.promotions = promotions;
        this.service = service;
        this.cues = cues;
        this.forms = forms;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @GetMapping("/shows/{showId}/promotions")
    public String page(@PathVariable String showId, Model model, HttpServletResponse response) {
        if (!readers.isReader()) {
            return refused(model, response, 403, "A show's promotions are for the 'producers' and 'marketers' groups.");
        }
        Optional<Show> show = readers.visible(showId);
        if (show.isEmpty()) {
            return refused(model, response, 404, "There is no show '" + showId + "' of your station.");
        }
        return render(show.get(), model, null);
    }

    @PostMapping("/shows/{showId}/promotions")
    public String plan(@PathVariable String showId, @RequestParam Map<String, String> params, Model model,
                       HttpServletResponse response, RedirectAttributes redirect) {
        if (!readers.isReader()) {
            return refused(model, response, 403, "A show's promotions are planned by the 'producers' and 'marketers' groups.");
        }
        Optional<Show> show = readers.visible(showId);
        if (show.isEmpty()) {
            return refused(model, response, 404, "There is no show '" + showId + "' of your station.");
        }
        String kind = params.getOrDefault("kind", "").strip().toUpperCase(java.util.Locale.ROOT);
        try {
            Promotion p = service.plan(show.get(), forms.read(params), currentUser.userId());
            redirect.addFlashAttribute("outcome", "Planned " + p.ref() + " (" + p.kind() + ").");
            return "redirect:/shows/{showId}/promotions";
        } catch (InvalidFieldException e) {
            response.setStatus(400);
            return render(show.get(), model, new PromotionPageForms.Refusal(kind, e.field(), e.getMessage(),
                    forms.hasInput(kind, e.field()), PromotionPageForms.echo(params)));
        } catch (ConflictException e) {
            response.setStatus(409);
            return render(show.get(), model, new PromotionPageForms.Refusal(kind, "", e.getMessage(), false,
                    PromotionPageForms.echo(params)));
        }
    }

    @PostMapping("/shows/{showId}/promotions/{promotionId}/{action}")
    public String act(@PathVariable String showId, @PathVariable long promotionId, @PathVariable String action,
                      @RequestParam(required = false) String seed, @RequestParam(required = false) String entrants,
                      Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (!List.of("rules", "fire", "cancel", "draw").contains(action)) {
            return refused(model, response, 404, "There is no such action on a promotion.");
        }
        boolean producersOnly = !action.equals("cancel");
        boolean allowed = currentUser.isAdmin() || currentUser.isMemberOf(KitchenGroups.PRODUCERS)
                || !producersOnly && currentUser.isMemberOf(KitchenGroups.MARKETERS);
        if (!allowed) {
            return refused(model, response, 403, producersOnly ? "Rules, firing and draws are for the 'producers' group."
                    : "A show's promotions are for the 'producers' and 'marketers' groups.");
        }
        Optional<Show> show = readers.visible(showId);
        if (show.isEmpty()) {
            return refused(model, response, 404, "There is no show '" + showId + "' of your station.");
        }
        String by = currentUser.userId();
        try {
            Promotion p = service.require(show.get(), promotionId);
            String outcome = switch (action) {
                case "rules" -> p.ref() + ": rules — " + answers(cues.publishRules(p, by));
                case "fire" -> p.ref() + ": fired — " + answers(cues.fire(p, by).stream().filter(a -> a.what().equals("CUE")).toList());
                case "cancel" -> {
                    service.cancel(show.get(), promotionId);
                    yield p.ref() + " cancelled.";
                }
                default -> {
                    if (entrants != null && entrants.length() > MAX_ENTRANTS_TEXT) {
                        throw new InvalidFieldException("entrants", "At most " + MAX_ENTRANTS_TEXT + " characters of entrants");
                    }
                    List<String> list = entrants == null || entrants.isBlank() ? null
                            : Arrays.stream(entrants.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                    Promotions.Draw draw = service.draw(show.get(), promotionId, new PromotionService.DrawForm(seed, list), by);
                    yield p.ref() + ": drawn — " + String.join(", ", draw.winners());
                }
            };
            redirect.addFlashAttribute("outcome", outcome);
        } catch (NotFoundException e) {
            return refused(model, response, 404, e.getMessage());
        } catch (InvalidFieldException e) {
            redirect.addFlashAttribute("error", "promo-" + promotionId + " (" + action + "): " + e.field() + " — " + e.getMessage());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "promo-" + promotionId + " (" + action + "): " + e.getMessage());
        }
        return "redirect:/shows/{showId}/promotions";
    }

    private String render(Show show, Model model, PromotionPageForms.Refusal refusal) {
        List<Row> rows = promotions.ofShow(show.stationId(), show.id()).stream().map(p -> {
            List<PromotionCues.Answer> answers = cues.answers(p);
            boolean fireable = Promotion.PLANNED.equals(p.state()) || Promotion.FIRED.equals(p.state())
                    && answers.stream().anyMatch(a -> a.what().equals("CUE") && !a.state().equals("SENT"));
            return new Row(new PromotionsController.PromotionView(p, p.ref(), answers, promotions.results(p.id()),
                    promotions.draw(p.id()).orElse(null)), slotName(show, p.slotPosition()), fireable);
        }).toList();
        model.addAttribute("show", show);
        model.addAttribute("rows", rows);
        model.addAttribute("slots", shows.slots(show.id()).stream().map(s -> new SlotOption(s.position(),
                "#" + s.position() + " " + products.require(show.stationId(), s.productId()).name() + " ¥" + s.price())).toList());
        model.addAttribute("kinds", forms.forms());
        model.addAttribute("refusal", refusal);
        model.addAttribute("producer", currentUser.isAdmin() || currentUser.isMemberOf(KitchenGroups.PRODUCERS));
        model.addAttribute("zone", ZoneId.systemDefault().getId());
        model.addAttribute("user", currentUser.userId());
        return "room/promotions";
    }

    private String slotName(Show show, Integer position) {
        if (position == null) {
            return "the whole show";
        }
        return shows.slots(show.id()).stream().filter(s -> s.position() == position).findFirst()
                .map(s -> "#" + position + " " + products.require(show.stationId(), s.productId()).name())
                .orElse("#" + position + " (no longer in the rundown)");
    }

    private static String answers(List<PromotionCues.Answer> answers) {
        return answers.isEmpty() ? "no platform answered" : String.join("; ", answers.stream()
                .map(a -> a.platform() + " " + a.state() + (a.detail() == null ? "" : " (" + a.detail() + ")")).toList());
    }

    private static String refused(Model model, HttpServletResponse response, int status, String message) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        return "room/refused";
    }
}
