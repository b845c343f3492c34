package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.live.LiveEngine;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Public HLS playback of a show for the station's own site: {@code /live/<show>/index.m3u8} and its segments, as the
 * "website" destination writes them, while the show is on air. No credentials (it is what viewers watch); only these
 * file names are served.
 */
@RestController
public class HlsController {

    private static final Pattern SHOW = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern FILE = Pattern.compile("index\\.m3u8|seg-[0-9]{1,20}\\.ts");

    private final LiveEngine engine;


    public HlsController(LiveEngine engine) {
        this.engine = engine;
    }

    /** A bare player page for the playlist (browsers with native HLS: Safari, Chrome, Edge, mobile browsers). */
    @GetMapping(value = "/live/{showId}/", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> player(@PathVariable String showId) {
        if (!SHOW.matcher(showId).matches()) {
            return ResponseEntity.notFound().build();
        }
        // no inline style or script: the page lives under the content security policy of the public pages
        String page = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%1$s — live</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="stylesheet" href="/live/player.css"><script src="/live/player.js"></script></head>
                <body><video id="live" src="index.m3u8" controls autoplay muted playsinline></video>
                <p id="note">Live: %1$s — <a href="index.m3u8">index.m3u8</a></p></body></html>
                """.formatted(showId);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(page);
    }

    @GetMapping("/live/{showId}/{file}")
    public ResponseEntity<FileSystemResource> serve(@PathVariable String showId, @PathVariable String file) {
        if (!SHOW.matcher(showId).matches() || !FILE.matcher(file).matches()) {
            return ResponseEntity.notFound().build();
        }
        if (engine.show(showId).isEmpty()) {
            return ResponseEntity.notFound().build(); // only a show on air is played; its files are not served after
        }
        Path path = engine.settings().hlsDirectory().resolve(showId).resolve(file);
        if (!Files.isRegularFile(path)) {
            return ResponseEntity.notFound().build();
        }
        boolean playlist = file.endsWith(".m3u8");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(playlist ? "application/vnd.apple.mpegurl" : "video/mp2t"))
                .cacheControl(playlist ? CacheControl.noCache() : CacheControl.maxAge(java.time.Duration.ofMinutes(1)))
                .header("Access-Control-Allow-Origin", "*")
                .body(new FileSystemResource(path));
    }
}
