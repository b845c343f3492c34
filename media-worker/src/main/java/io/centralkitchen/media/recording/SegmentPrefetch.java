package io.centralkitchen.media.recording;

import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.ObjectNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The recording segments a run of instant clips reads, downloaded while the clips are cut: the segment being cut and
 * at most {@code window} segments after it are downloading or waiting on disk, each checksum-verified by
 * {@link MediaStore#download}. A segment's file is deleted as soon as the last clip that needs it has read it, or has
 * ended before reaching it (neighbouring slots share segments, downloaded once). Used by one thread (the cutting one);
 * the downloads run on threads of its own. Closing it stops the downloads, waits for the running ones and leaves none
 * of its files behind.
 */
final class SegmentPrefetch implements RecordingClip.SegmentFiles, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SegmentPrefetch.class);

    private final MediaStore store;
    private final int window;
    private final ExecutorService downloads;
    /** Every use of a segment by a slot, slot after slot, in reading order. */
    private final List<Use> uses = new ArrayList<>();
    /** [first, end) index into {@link #uses} of each slot's uses. */
    private final int[] slotStart;
    /** The segments in order of first use, as they are downloaded; keyed by local file. */
    private final List<Fetch> fetches;
    private final Map<Path, Fetch> byFile = new HashMap<>();
    /** Uses before this index are read or passed over. */
    private int reached;
    /** Fetches before this index are started. */
    private int started;
    private int slot = -1;

    private record Use(int slot, Fetch fetch) {
    }

    /** @param needs per slot (in cutting order), the segments it needs in program order */
    SegmentPrefetch(MediaStore store, Path workDir, List<List<RecordingSegment>> needs, int window) {
        this.store = store;
        this.window = Math.max(1, window);
        this.slotStart = new int[needs.size() + 1];
        Map<Integer, Fetch> bySequence = new LinkedHashMap<>();
        for (int i = 0; i < needs.size(); i++) {
            slotStart[i] = uses.size();
            for (RecordingSegment s : needs.get(i)) {
                Fetch fetch = bySequence.computeIfAbsent(s.sequence(), n -> new Fetch(s,
                        workDir.resolve(String.format("seg-%05d.ts", n)), uses.size()));
                fetch.remainingUses++;
                uses.add(new Use(i, fetch));
            }
        }
        slotStart[needs.size()] = uses.size();
        this.fetches = List.copyOf(bySequence.values());
        fetches.forEach(f -> byFile.put(f.file, f));
        this.downloads = Executors.newFixedThreadPool(this.window, r -> {
            Thread t = new Thread(r, "recording-clip-download");
            t.setDaemon(true);
            return t;
        });
    }

    /** Begins slot {@code i} (in order): its segments, their files where they will be once downloaded. */
    List<RecordingClip.Segment> startSlot(int i) {
        slot = i;
        startDownloads();
        return uses.subList(slotStart[i], slotStart[i + 1]).stream().map(u -> u.fetch().segment()).toList();
    }

    /** Slot {@code i}'s cut has ended: the segments it did not reach are not needed by it any more. */
    void endSlot(int i) {
        for (int k = reached; k < slotStart[i + 1]; k++) {
            uses.get(k).fetch().useEnded();
        }
        reached = Math.max(reached, slotStart[i + 1]);
        startDownloads();
    }

    @Override
    public Path file(RecordingClip.Segment segment) {
        Fetch fetch = fetchOf(segment);
        int k = reached;
        while (k < slotStart[slot + 1] && uses.get(k).fetch() != fetch) {
            uses.get(k++).fetch().useEnded(); // passed over (the cut never skips, but stay exact if it did)
        }
        if (k == slotStart[slot + 1]) {
            throw new IllegalStateException("Segment " + segment.file().getFileName() + " is not a segment of slot " + slot + " left to read");
        }
        reached = k + 1;
        startDownloads();
        try {
            return fetch.ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while downloading the recording", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void done(RecordingClip.Segment segment) {
        fetchOf(segment).useEnded();
    }

    private Fetch fetchOf(RecordingClip.Segment segment) {
        Fetch fetch = byFile.get(segment.file());
        if (fetch == null) {
            throw new IllegalArgumentException("Segment " + segment.file() + " is not one of this recording's");
        }
        return fetch;
    }

    /** Starts the downloads of the segments needed now, and of up to {@code window} segments after them. */
    private void startDownloads() {
        while (started < fetches.size()) {
            Fetch next = fetches.get(started);
            boolean neededNow = next.firstUse < reached;
            if (!neededNow && aheadStarted() >= window) {
                return;
            }
            downloads.execute(next);
            started++;
        }
    }

    private int aheadStarted() {
        int ahead = 0;
        for (int i = started - 1; i >= 0 && fetches.get(i).firstUse >= reached; i--) {
            ahead++;
        }
        return ahead;
    }

    @Override
    public void close() {
        fetches.forEach(Fetch::release);
        downloads.shutdownNow();
        try {
            if (!downloads.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Recording segment downloads did not stop within 30 s; their files may stay in the job directory");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One segment's download; its file lives until its last use has ended (or the prefetch is closed). */
    private final class Fetch implements Runnable {
        private final RecordingClip.Segment segment;
        private final RecordingSegment stored;
        private final Path file;
        private final int firstUse;
        private final CompletableFuture<Path> ready = new CompletableFuture<>();
        private int remainingUses;
        private boolean released;

        Fetch(RecordingSegment stored, Path file, int firstUse) {
            this.stored = stored;
            this.file = file;
            this.firstUse = firstUse;
            this.segment = new RecordingClip.Segment(file, stored.streamStartMillis(), stored.durationMillis());
        }

        RecordingClip.Segment segment() {
            return segment;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (released) {
                    return;
                }
            }
            Throwable failure = null;
            try {
                store.download(stored.key(), file);
            } catch (ObjectNotFoundException e) {
                failure = new MediaInvalidException("Recording segment " + stored.key() + " is listed in the manifest but"
                        + " missing from the store: the recording is incomplete.", e);
            } catch (RuntimeException | Error e) {
                failure = e; // whatever it is, the cut waiting for this segment must hear of it
            }
            synchronized (this) {
                // either this sees the release, or the release sees the download done: the file never stays
                if (released) {
                    delete();
                }
                if (failure != null) {
                    ready.completeExceptionally(failure);
                } else {
                    ready.complete(file);
                }
            }
        }

        /** Cutting thread: one use of the segment has ended. */
        void useEnded() {
            if (--remainingUses == 0) {
                release();
            }
        }

        synchronized void release() {
            released = true;
            if (ready.isDone()) {
                delete();
            }
        }

        private void delete() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the recording segment {}: {}", file, e.getMessage());
            }
        }
    }
}
