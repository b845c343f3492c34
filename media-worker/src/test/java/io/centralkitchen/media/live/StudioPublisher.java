package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.SignalPlayer;
import io.centralkitchen.media.ffmpeg.SyntheticSignal;

/** A studio encoder for tests: publishes the test signal in real time over RTMP, as OBS would. */
final class StudioPublisher implements AutoCloseable {

    private final SignalPlayer player;

    StudioPublisher(String url) {
        this(url, true);
    }

    /** {@code sound=false}: a feed without an audio track, as some hardware encoders send. */
    StudioPublisher(String url, boolean sound) {
        this.player = SyntheticSignal.publish(url, 500_000, sound, "studio");
    }

    /** Connects once and returns the error, if the server refuses (used for the wrong-key case). */
    static Throwable tryPublish(String url) {
        try (SignalPlayer intruder = SyntheticSignal.publish(url, 500_000, true, "intruder")) {
            long until = System.nanoTime() + 10_000_000_000L;
            while (intruder.failure() == null && !intruder.playing() && System.nanoTime() < until) {
                Thread.onSpinWait();
                Thread.sleep(10);
            }
            // a refused publish fails at the first packets, well within ten pictures (0.4 s)
            long more = System.nanoTime() + 2_000_000_000L;
            while (intruder.failure() == null && System.nanoTime() < more) {
                Thread.sleep(10);
            }
            return intruder.failure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    boolean publishing() {
        return player.playing();
    }

    Throwable failure() {
        return player.failure();
    }

    /** Disconnects, as a studio encoder whose line drops. */
    @Override
    public void close() {
        player.close();
    }
}
