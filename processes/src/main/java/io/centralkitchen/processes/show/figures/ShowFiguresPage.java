package io.centralkitchen.processes.show.figures;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowReaders;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Optional;

/**
 * {@code /shows/{showId}/figures}: the show's figures as a page — the timeline chart (inline SVG drawn on the server),
 * the table per slot and platform, the whole show per platform, and the CSV download.
 */
@Controller
public class ShowFiguresPage {

    private final ShowFigures figures;
    private final ShowReaders readers;
    private final CurrentUser currentUser;

    public ShowFiguresPage(ShowFigures figures, ShowReaders readers, CurrentUser currentUser) {
        this.figures = figures;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @GetMapping("/shows/{showId}/figures")
    public String page(@PathVariable String showId, Model model, HttpServletResponse response) {
        if (!readers.isReader()) {
            return refused(model, response, 403, "A show's figures are for the 'producers' and 'marketers' groups.");
        }
        Optional<Show> show = readers.visible(showId);
        if (show.isEmpty()) {
            return refused(model, response, 404, "There is no show '" + showId + "' of your station.");
        }
        ShowFigures.Computed computed = figures.compute(show.get().stationId(), show.get().id());
        model.addAttribute("figures", computed.figures());
        model.addAttribute("chart", FiguresChart.svg(computed));
        model.addAttribute("user", currentUser.userId());
        return "room/figures";
    }

    private static String refused(Model model, HttpServletResponse response, int status, String message) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        return "room/refused";
    }
}
