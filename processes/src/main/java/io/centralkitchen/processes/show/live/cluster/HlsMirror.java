package io.centralkitchen.processes.show.live.cluster;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveShow;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StationKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies the public HLS of the shows this node's worker owns to the object store, every
 * {@code kitchen.live.hls-mirror-interval}: the segments the playlist lists, then the playlist (with plain file
 * names), under {@code <station>/shows/<show>/hls/}; segments that left the playlist are deleted. Only while the
 * worker's fencing token is current: a worker that lost the show writes nothing. Any node serves the files from there.
 */
@Component
public class HlsMirror {

    private static final Logger log = LoggerFactory.getLogger(HlsMirror.class);

    private final ObjectProvider<LiveEngine> engine;
    private final ObjectProvider<MediaStore> store;
    private final LiveOwnership ownership;
    private final LiveLeases leases;
    private final Map<String, Set<String>> uploaded = new ConcurrentHashMap<>();

    public HlsMirror(ObjectProvider<LiveEngine> engine, ObjectProvider<MediaStore> store, LiveOwnership ownership,
                     LiveLeases leases) {
        this.engine = engine;
        this.store = store;
        this.ownership = ownership;
        this.leases = leases;
    }

    /** Where a show's public HLS file is kept. */
    public static String key(String stationId, String showId, String file) {
        return StationKeys.show(stationId, showId) + "hls/" + file;
    }

    @Scheduled(fixedDelayString = "${kitchen.live.hls-mirror-interval:PT1S}", initialDelayString = "PT1S")
    public void mirror() {
        LiveEngine live = engine.getIfAvailable();
        MediaStore objects = store.getIfAvailable();
        if (live == null || objects == null) {
            return;
        }
        List<LiveShow> onAir = live.shows();
        uploaded.keySet().retainAll(onAir.stream().map(LiveShow::showId).toList());
        for (LiveShow show : onAir) {
            try {
                mirror(live, objects, show);
            } catch (IOException | RuntimeException e) {
                log.warn("Show {}: HLS not copied to the store now: {}", show.showId(), e.getMessage());
            }
        }
    }

    private void mirror(LiveEngine live, MediaStore objects, LiveShow show) throws IOException {
        Path dir = live.settings().hlsDirectory().resolve(show.showId());
        Path playlist = dir.resolve("index.m3u8");
        var owner = ownership.of(show.showId());
        if (owner.isEmpty() || !Files.isRegularFile(playlist)
                || !leases.current(show.showId(), owner.get().workerId(), owner.get().token())) {
            return;
        }
        StringBuilder text = new StringBuilder();
        Set<String> listed = new java.util.LinkedHashSet<>();
        for (String line : Files.readAllLines(playlist, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && line.endsWith(".ts")) {
                line = line.substring(line.lastIndexOf('/') + 1);
                listed.add(line);
            }
            text.append(line).append('\n');
        }
        Set<String> done = uploaded.computeIfAbsent(show.showId(), id -> ConcurrentHashMap.newKeySet());
        for (String segment : listed) {
            Path file = dir.resolve(segment);
            if (!done.contains(segment) && Files.isRegularFile(file)) {
                objects.put(key(show.stationId(), show.showId(), segment), file, "video/mp2t");
                done.add(segment);
            }
        }
        objects.put(key(show.stationId(), show.showId(), "index.m3u8"), text.toString().getBytes(StandardCharsets.UTF_8),
                "application/vnd.apple.mpegurl");
        for (String gone : Set.copyOf(done)) {
            if (!listed.contains(gone)) {
                objects.delete(key(show.stationId(), show.showId(), gone));
                done.remove(gone);
            }
        }
    }
}
