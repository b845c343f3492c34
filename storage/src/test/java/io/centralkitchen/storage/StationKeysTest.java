package io.centralkitchen.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StationKeysTest {

    @Test
    void everyKeyOfAStationIsUnderItsPrefixAndValid() {
        String[] keys = {
                StationKeys.evidence("station-1", 7, 42, "../../etc/licence (scan).pdf"),
                StationKeys.productMedia("station-1", 7, 9, 2, "蜂蜜 video.mp4"),
                StationKeys.productRendition(StationKeys.productMedia("station-1", 7, 9, 2, "renditions"), "editing.mp4"),
                StationKeys.teaser("station-1", "harvest"),
                StationKeys.recordingManifest("station-1", "harvest", "rec-1"),
                StationKeys.clip("station-1", "harvest", 5, "vertical.mp4")};
        for (String key : keys) {
            assertThat(StationKeys.belongsTo("station-1", key)).as(key).isTrue();
            assertThat(StationKeys.belongsTo("station-10", key)).as(key).isFalse();
            assertThat(ObjectKeys.validate(key)).isEqualTo(key);
        }
        assertThat(keys[0]).isEqualTo("station-1/suppliers/7/evidence/42/licence__scan_.pdf");
        assertThat(keys[1]).isEqualTo("station-1/suppliers/7/products/9/media/2/蜂蜜_video.mp4");
        assertThat(keys[2]).as("a rendition never lands on an original, whatever its name")
                .isEqualTo("station-1/suppliers/7/products/9/media/2-renditions/editing.mp4");
        assertThat(keys[4]).isEqualTo("station-1/shows/harvest/recording/rec-1/manifest.json");
    }
}
