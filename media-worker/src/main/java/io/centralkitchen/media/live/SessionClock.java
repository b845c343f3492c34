package io.centralkitchen.media.live;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Where one ingest session's timestamps land on the program timeline, and how they relate to the wall clock: the
 * session's first packet is anchored where the program stands (so a new feed continues where the slate or the last
 * feed left it); files are paced to real time; a feed ahead of real time is catching up.
 */
final class SessionClock {

    /** Media time ahead of the wall clock beyond which a session counts as catching up. */
    private static final long CATCH_UP_MARGIN_MILLIS = 200;

    private long offsetMillis;
    private boolean anchored;
    private long wallStart;
    private long firstMillis;

    /** A new session: the next timestamp is anchored afresh. */
    void restart() {
        anchored = false;
    }

    /** Program time of the session's timestamp {@code ts}; the first one after a restart lands at {@code programNow}. */
    long toProgram(long ts, long programNow) {
        if (!anchored) {
            offsetMillis = programNow - ts;
            anchored = true;
            wallStart = System.nanoTime();
            firstMillis = ts + offsetMillis;
        }
        return ts + offsetMillis;
    }

    /** What to add to the session's timestamps to get program time. */
    long offset() {
        return offsetMillis;
    }

    /**
     * Whether the session is ahead of real time: a feed that starts hands over at once what piled up while it was
     * probed (about {@code analyzeduration}, 1.5 s), and that burst must reach the encoders whole.
     */
    boolean catchingUp(long programTs) {
        long played = (System.nanoTime() - wallStart) / 1_000_000;
        return programTs - firstMillis > played + CATCH_UP_MARGIN_MILLIS;
    }

    /** Waits until {@code programTs} is due in real time (files play at their own pace, not as fast as they are read). */
    void pace(long programTs, BooleanSupplier running) {
        long due = wallStart + (programTs - firstMillis) * 1_000_000L;
        long wait;
        while (running.getAsBoolean() && (wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
        }
    }
}
