package io.centralkitchen.processes.show.live.cluster;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.TestHttp;
import io.centralkitchen.storage.MediaStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A node that does not run a show serves its public HLS from the object store, while the show is live only. */
@KitchenTest
class HlsFromStoreTest {

    @LocalServerPort
    int port;
    @Autowired
    LiveLeases leases;
    @Autowired
    MediaStore store;
    @Autowired
    LiveEngine engine;

    @Test
    void anyNodeServesTheOwnersHlsFromTheStore() {
        String show = "hls-elsewhere-" + System.nanoTime() % 1_000_000;
        String playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nseg-17.ts\n";
        store.put(HlsMirror.key("station-1", show, "index.m3u8"), playlist.getBytes(StandardCharsets.UTF_8), "application/vnd.apple.mpegurl");
        store.put(HlsMirror.key("station-1", show, "seg-17.ts"), new byte[188], "video/mp2t");
        TestHttp viewer = new TestHttp(port);
        assertThat(viewer.get("/live/" + show + "/index.m3u8").status()).as("not live: not played").isEqualTo(404);

        leases.open("station-1", show, "elsewhere", Instant.now()); // live, run by a worker of another pool
        assertThat(engine.show(show)).isEmpty();
        TestHttp.Response answer = viewer.get("/live/" + show + "/index.m3u8");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("seg-17.ts");
        assertThat(viewer.get("/live/" + show + "/seg-17.ts").status()).isEqualTo(200);
        assertThat(viewer.get("/live/" + show + "/seg-18.ts").status()).isEqualTo(404);
        assertThat(viewer.get("/live/" + show + "/..%2Fmanifest.json").status()).isIn(400, 404);

        leases.end("station-1", show);
        assertThat(viewer.get("/live/" + show + "/index.m3u8").status()).isEqualTo(404);
    }
}
