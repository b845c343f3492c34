package io.centralkitchen.processes.show.live;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.processes.show.live.cluster.HlsMirror;
import io.centralkitchen.processes.show.live.cluster.LiveLeases;
import io.centralkitchen.storage.MediaStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Public HLS playback of a show for the station's own site: {@code /live/<show>/index.m3u8} and its segments, while
 * the show is on air. Served from this node's disk when its worker runs the show, else from the object store, where
 * the owner copies them ({@link HlsMirror}): any node answers, wherever the show runs or moved. No credentials (it is
 * what viewers watch); only these file names are served. The page around them is the live room
 * ({@code show.room.LiveRoomController}).
 */
@RestController
public class HlsController {

    private static final Pattern SHOW = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern FILE = Pattern.compile("index\\.m3u8|seg-[0-9]{1,20}\\.ts");

    private final ObjectProvider<LiveEngine> engine;
    private final ObjectProvider<MediaStore> store;
    private final LiveLeases leases;

    public HlsController(ObjectProvider<LiveEngine> engine, ObjectProvider<MediaStore> store, LiveLeases leases) {
        this.engine = engine;
        this.store = store;
        this.leases = leases;
    }

    @GetMapping("/live/{showId}/{file}")
    public ResponseEntity<Resource> serve(@PathVariable String showId, @PathVariable String file) {
        if (!SHOW.matcher(showId).matches() || !FILE.matcher(file).matches()) {
            return ResponseEntity.notFound().build();
        }
        Optional<LiveLeases.Lease> live = leases.find(showId).filter(l -> !l.ended());
        if (live.isEmpty()) {
            return ResponseEntity.notFound().build(); // only a show on air is played; its files are not served after
        }
        LiveEngine here = engine.getIfAvailable();
        Resource body = null;
        if (here != null && here.show(showId).isPresent()) {
            Path path = here.settings().hlsDirectory().resolve(showId).resolve(file);
            if (Files.isRegularFile(path)) {
                body = new FileSystemResource(path);
            }
        }
        MediaStore objects = store.getIfAvailable();
        if (body == null && objects != null) {
            String key = HlsMirror.key(live.get().stationId(), showId, file);
            if (objects.exists(key)) {
                body = new InputStreamResource(objects.get(key));
            }
        }
        if (body == null) {
            return ResponseEntity.notFound().build();
        }
        boolean playlist = file.endsWith(".m3u8");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(playlist ? "application/vnd.apple.mpegurl" : "video/mp2t"))
                .cacheControl(playlist ? CacheControl.noCache() : CacheControl.maxAge(java.time.Duration.ofMinutes(1)))
                .header("Access-Control-Allow-Origin", "*")
                .body(body);
    }
}
