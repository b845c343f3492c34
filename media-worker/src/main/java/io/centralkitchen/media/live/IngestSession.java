package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.Demuxer;

/**
 * One continuous studio feed handed to a show: an opened {@link Demuxer}, whether it must be paced to real time
 * (files), and what to do when the program thread is done with it.
 */
record IngestSession(Demuxer demuxer, boolean paced, Runnable onEnd) {

    void end() {
        demuxer.close();
        if (onEnd != null) {
            onEnd.run();
        }
    }
}
