package io.centralkitchen.processes.show.room;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.regex.Pattern;

/**
 * The station's public live room, {@code /live/{showId}/}: the player (hls.js where the browser lacks native HLS), the
 * product on air, a countdown before air and an "ended" state after. The page follows the show by reading
 * {@code /live/{showId}/now.json} every second: public facts only ({@link LiveRoomFacts}). The playlist and its
 * segments stay with {@code HlsController}.
 */
@Controller
public class LiveRoomController {

    private static final Pattern SHOW = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private final LiveRoomFacts facts;

    public LiveRoomController(LiveRoomFacts facts) {
        this.facts = facts;
    }

    @GetMapping("/live/{showId}/")
    public String page(@PathVariable String showId, Model model, HttpServletResponse response) {
        if (!SHOW.matcher(showId).matches()) {
            response.setStatus(404);
            model.addAttribute("status", 404);
            model.addAttribute("message", "There is no show '" + showId + "'.");
            return "room/refused";
        }
        response.setHeader("Cache-Control", "no-cache");
        model.addAttribute("showId", showId);
        model.addAttribute("title", facts.now(showId).map(LiveRoomFacts.Now::title).orElse(showId));
        return "live/live-room";
    }

    @GetMapping("/live/{showId}/now.json")
    @ResponseBody
    public ResponseEntity<LiveRoomFacts.Now> now(@PathVariable String showId) {
        if (!SHOW.matcher(showId).matches()) {
            return ResponseEntity.notFound().build();
        }
        return facts.now(showId).map(now -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                        .header("Access-Control-Allow-Origin", "*").body(now))
                .orElseGet(() -> ResponseEntity.notFound().cacheControl(CacheControl.noStore()).build());
    }
}
