package io.centralkitchen.processes.show.library;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.show.ShowReaders;
import io.centralkitchen.processes.api.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.routes.platform.PlatformAdapters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

/**
 * {@code /library}: the asset library as a page — a search form with the API's filters, the assets found with their
 * show, product, hosts, state, where and when they were published, and presigned preview links. The station is the
 * caller's (or one named that the caller works for). An approved clip can be published from here to another of the
 * station's platforms ({@link ClipRepublisher}: the show's publication path, once per platform).
 */
@Controller
public class AssetLibraryPage {

    private final AssetLibrary library;
    private final ClipRepublisher republisher;
    private final AssetRows rows;
    private final PlatformAdapters platforms;
    private final ShowReaders readers;
    private final CurrentUser currentUser;

    public AssetLibraryPage(AssetLibrary library, ClipRepublisher republisher, AssetRows rows, PlatformAdapters platforms,
                            ShowReaders readers, CurrentUser currentUser) {
        this.library = library;
        this.republisher = republisher;
        this.rows = rows;
        this.platforms = platforms;
        this.readers = readers;
        this.currentUser = currentUser;
    }

    @PostMapping("/library/clips/{clipId}/publish")
    public String publish(@PathVariable long clipId, @RequestParam(required = false) String platform, Model model,
                          HttpServletResponse response, RedirectAttributes redirect) {
        if (!readers.isReader()) {
            return refused(model, response, 403, "The asset library is for the 'producers' and 'marketers' groups.");
        }
        String station = rows.stationOfClip(clipId).filter(currentUser::worksFor).orElse(null);
        if (station == null) {
            return refused(model, response, 404, "There is no clip " + clipId + " of your station.");
        }
        String outcome;
        try {
            ClipRepublisher.Result result = republisher.republish(station, clipId, platform, null);
            outcome = "Clip " + clipId + " to " + result.platform() + ": " + result.state()
                    + (result.detail() == null || "SENT".equals(result.state()) ? "" : " — " + result.detail());
        } catch (InvalidFieldException | ConflictException | NotFoundException e) {
            outcome = "Clip " + clipId + " was not published: " + e.getMessage();
        }
        redirect.addAttribute("stationId", station);
        redirect.addAttribute("kind", "CLIP");
        redirect.addFlashAttribute("outcome", outcome);
        return "redirect:/library";
    }

    @GetMapping("/library")
    public String page(@RequestParam Map<String, String> params, Model model, HttpServletRequest request, HttpServletResponse response) {
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
        model.addAttribute("platforms", platforms.accounts(station).keySet().stream().sorted().toList());
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        model.addAttribute("csrfParam", csrf == null ? "_csrf" : csrf.getParameterName());
        model.addAttribute("csrfToken", csrf == null ? "" : csrf.getToken());
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
