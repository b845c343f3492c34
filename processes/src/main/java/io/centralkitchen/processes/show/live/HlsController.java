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
 * file names are served. The page around them is the live room ({@code show.room.LiveRoomController}).
 */
@RestController
public class HlsController {

    private static final Pattern SHOW = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern FILE = Pattern.compile("index\\.m3u8|seg-[0-9]{1,20}\\.ts");

    private final LiveEngine engine;


    public HlsController(LiveEngine engine) {
        this.engine = engine;
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
