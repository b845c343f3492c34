package io.centralkitchen.media.worker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Workers on one host keep apart, and what a dead worker left is removed when the next one starts. */
class WorkDirsTest {

    @TempDir
    Path base;

    @Test
    void twoWorkersWithOneIdGetTwoFoldersAndNeitherRemovesTheOthers() throws Exception {
        try (WorkDirs first = WorkDirs.claim(base, "media-worker@host");
             WorkDirs second = WorkDirs.claim(base, "media-worker@host")) {
            assertThat(first.dir()).isNotEqualTo(second.dir());
            Path job = Files.createDirectories(first.dir().resolve("job-1"));
            Files.write(job.resolve("source.mp4"), new byte[1024]);
            try (WorkDirs third = WorkDirs.claim(base, "other")) {
                assertThat(job.resolve("source.mp4")).as("a live worker's job is left alone").exists();
            }
        }
    }

    @Test
    void whatADeadWorkerLeftIsRemovedAtTheNextStart() throws Exception {
        Path dead;
        try (WorkDirs crashed = WorkDirs.claim(base, "media-worker@host:4242")) {
            dead = crashed.dir();
            Files.write(Files.createDirectories(dead.resolve("job-7")).resolve("partial.mp4"), new byte[4096]);
        } // the lock goes with the process (here: released)
        Path loose = Files.createDirectories(base.resolve("job-99")); // an older version's job folder
        Files.write(loose.resolve("source.mp4"), new byte[10]);

        try (WorkDirs next = WorkDirs.claim(base, "media-worker@host:5151")) {
            assertThat(dead).doesNotExist();
            assertThat(loose).doesNotExist();
            assertThat(next.dir()).exists();
        }
    }
}
