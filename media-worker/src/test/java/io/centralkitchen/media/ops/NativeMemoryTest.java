package io.centralkitchen.media.ops;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Job after job, the process does not grow: every native context, frame and packet is freed. */
class NativeMemoryTest {

    @TempDir
    Path dir;

    @Test
    void repeatedJobsDoNotGrowNativeMemory() {
        Path source = TestMedia.small("mp4");
        TranscodeProfile tiny = new TranscodeProfile("tiny", 160, 284, io.centralkitchen.media.ffmpeg.PictureFit.BLUR_PAD, 0, "ultrafast", 30,
                500_000, 1_000_000, 2, "high", 64_000, 48_000, 2);
        Runnable jobs = () -> {
            Probe.probe(source);
            CopyClip.cut(source, TimeRange.ofSeconds(3, 7), dir.resolve("copy.mp4"), ProgressListener.NONE);
            SmartCut.cut(source, TimeRange.ofSeconds(3.3, 7.7), dir.resolve("smart.mp4"), EdgeEncoding.DEFAULT, ProgressListener.NONE);
            Cover.at(source, 2_000_000, dir.resolve("cover.jpg"));
            Transcode.run(TestMedia.make("two-seconds.mp4", "mp4", 2, 320, 180, 25, 25), tiny, dir.resolve("t.mp4"),
                    ProgressListener.NONE);
        };
        for (int i = 0; i < 3; i++) {
            jobs.run(); // warm up: codec tables, thread pools, JIT
        }
        long before = Pointer.physicalBytes();

        for (int i = 0; i < 10; i++) {
            jobs.run();
        }

        long grown = Pointer.physicalBytes() - before;
        assertThat(grown).as("resident memory growth over 10 rounds of jobs: %d MB", grown >> 20)
                .isLessThan(40L << 20);
    }
}
