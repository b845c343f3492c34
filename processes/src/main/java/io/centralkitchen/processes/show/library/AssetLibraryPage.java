package io.centralkitchen.processes.show.library;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.show.ShowReaders;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

/**
 * {@code /library}: the asset library as a page — a search form with the API's filters, the assets found with their
 * show, product, hosts, state, where and when they were published, and presigned preview links. The station is the
 * caller's (or one named that the caller works for).
 */
@Controller
public class AssetLibraryPage {

    private final AssetLibrary library;
    private final ShowReaders readers;
    private final CurrentUser currentUser;

    public AssetLibraryPage(AssetLibrary library, ShowReaders readers, CurrentUser currentUser) {
        this.library = library;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @GetMapping("/library")
    public String page(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        if (!readers.isReader()) {
            return refused(model, response, 403, "The asset library is for the 'producers' and 'marketers' groups.");
        }
        String station = params.get("stationId");
        if (station == null || station.isBlank()) {
            List<String> mine = currentUser.stations();
            if (mine.isEmpty()) {
                return refused(model, response, 404, "You work for no station.");
            }
            station = mine.get(0);
        } else if (station.length() > 64 || !currentUser.worksFor(station)) {
            return refused(model, response, 404, "There is no station '" + (station.length() > 64 ? station.substring(0, 64) : station) + "' of yours.");
        }
        model.addAttribute("params", params);
        model.addAttribute("station", station);
        model.addAttribute("user", currentUser.userId());
        try {
            model.addAttribute("result", library.search(station, AssetQuery.parse(params)));
        } catch (InvalidFieldException e) {
            response.setStatus(400);
            model.addAttribute("error", e.field() + ": " + e.getMessage());
        }
        return "room/library";
    }

    private static String refused(Model model, HttpServletResponse response, int status, String message) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        return "room/refused";
    }
}
