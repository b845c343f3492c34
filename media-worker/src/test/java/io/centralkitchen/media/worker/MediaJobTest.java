package io.centralkitchen.media.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaJobTest {

    @Test
    void aSourceIsKeptUnderItsObjectsName() {
        assertThat(MediaJob.fileNameOf("station-1/raw/product-video.mp4")).isEqualTo("product-video.mp4");
        String longName = "视频".repeat(60) + ".mov";
        assertThat(MediaJob.fileNameOf("station-1/raw/" + longName)).startsWith("视频视频").endsWith("….mov")
                .hasSizeLessThan(50);
    }
}
