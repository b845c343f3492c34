package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.TimeRange;

import java.util.Map;

/**
 * The work behind one topic: reads its inputs from the job, does the media work, stores the output, and returns the
 * output variables (small values: keys, durations, sizes). Throws {@link io.centralkitchen.media.ops.MediaInvalidException}
 * for bad input; anything else counts as a transient failure and is retried.
 */
interface MediaTaskHandler {

    String topic();

    /** The process variables the handler reads (only these are fetched: no blobs travel with the task). */
    String[] variables();

    Map<String, Object> handle(MediaJob job);

    static double seconds(long micros) {
        return TimeRange.seconds(micros);
    }
}
