package io.centralkitchen.processes.show.room;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.Shows;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The producers' pages, signed in with the platform's own login: {@code /shows} lists the station's shows,
 * {@code /shows/{showId}/control} is a show's control room. The pages hold no data of their own: their script reads
 * the show through the documented REST API and follows it through {@code /api/shows/{showId}/live/events}. Another
 * station's show is "not found", as in the API.
 */
@Controller
public class ControlRoomPages {

    private final Shows shows;
    private final CurrentUser currentUser;

    public ControlRoomPages(Shows shows, CurrentUser currentUser) {
        this.shows = shows;
        this.currentUser = currentUser;
    }

    @GetMapping("/shows")
    public String list(Model model, HttpServletResponse response) {
        if (!producer()) {
            return refused(model, response, 403, "The shows' control rooms are for the 'producers' group.");
        }
        List<Show> mine = shows.ofStations(currentUser.stations(), currentUser.isAdmin()).stream()
                .sorted(Comparator.comparing(Show::airTime).reversed()).toList();
        model.addAttribute("shows", mine);
        model.addAttribute("user", currentUser.userId());
        return "room/shows";
    }

    @GetMapping("/shows/{showId}/control")
    public String controlRoom(@PathVariable String showId, Model model, HttpServletRequest request,
                              HttpServletResponse response) {
        if (!producer()) {
            return refused(model, response, 403, "The control room is for the 'producers' group.");
        }
        Optional<Show> show = shows.find(showId).filter(s -> currentUser.worksFor(s.stationId()));
        if (show.isEmpty()) {
            return refused(model, response, 404, "There is no show '" + showId + "' of your station.");
        }
        model.addAttribute("show", show.get());
        model.addAttribute("user", currentUser.userId());
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        model.addAttribute("csrfHeader", csrf == null ? "" : csrf.getHeaderName());
        model.addAttribute("csrfToken", csrf == null ? "" : csrf.getToken());
        return "room/control-room";
    }

    private boolean producer() {
        return currentUser.isAdmin() || currentUser.isMemberOf(KitchenGroups.PRODUCERS);
    }

    private static String refused(Model model, HttpServletResponse response, int status, String message) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        return "room/refused";
    }
}
