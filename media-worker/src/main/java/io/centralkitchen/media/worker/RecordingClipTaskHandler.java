package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.media.recording.RecordingClips;

import java.util.List;
import java.util.Map;

/**
 * {@code media.recording-clip}: the instant clip of a product slot, cut from a sealed live recording without
 * re-encoding. In {@code manifestKey} (the recording's {@code manifest.json}), {@code inSeconds} and
 * {@code outSeconds} (program time, as the show's markers store it), optional {@code preRollSeconds} and
 * {@code postRollSeconds} (default 0), optional {@code outputKey}; out {@code outputKey} (MP4),
 * {@code clipStartSeconds} (program time of the clip's first picture: the keyframe at or before
 * {@code inSeconds - preRollSeconds}), {@code durationSeconds}, {@code segmentsRead}.
 */
final class RecordingClipTaskHandler implements MediaTaskHandler {

    @Override
    public String topic() {
        return MediaTopics.RECORDING_CLIP;
    }

    @Override
    public String[] variables() {
        return new String[]{"manifestKey", "inSeconds", "outSeconds", "preRollSeconds", "postRollSeconds", "outputKey"};
    }

    @Override
    public Map<String, Object> handle(MediaJob job) {
        double in = job.seconds("inSeconds");
        double out = job.seconds("outSeconds");
        double preRoll = orZero(job.optionalSeconds("preRollSeconds"));
        double postRoll = orZero(job.optionalSeconds("postRollSeconds"));
        if (preRoll < 0 || postRoll < 0) {
            throw new MediaInvalidException("Pre- and post-roll must not be negative (got " + preRoll + " s and " + postRoll + " s).");
        }
        String outputKey = job.outputKey("clips", "mp4");
        RecordingClips.Clip clip = new RecordingClips(job.store(), 4).cut(job.stationsOwn(job.text("manifestKey")),
                List.of(new RecordingClips.Slot(outputKey, in, out)), preRoll, postRoll, job.workDir(), job.progress()).get(0);
        return Map.of("outputKey", outputKey, "clipStartSeconds", clip.clipStartSeconds(),
                "durationSeconds", clip.durationSeconds(), "segmentsRead", clip.segments());
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
