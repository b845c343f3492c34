package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.ClipResult;
import io.centralkitchen.media.ops.MediaOperations;
import io.centralkitchen.media.ops.TimeRange;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code media.clip} (copy, instant, from the keyframe at or before the in-point) and {@code media.smartcut}
 * (frame-accurate): in {@code sourceKey}, {@code inSeconds}, {@code outSeconds}, optional {@code outputKey};
 * out {@code outputKey}, {@code clipStartSeconds} (where in the source the clip begins), {@code durationSeconds},
 * and for smart cuts {@code reencodedSeconds}.
 */
final class ClipTaskHandler implements MediaTaskHandler {

    private final MediaOperations ops;
    private final boolean smart;

    public ClipTaskHandler(MediaOperations ops, boolean smart) {
        this.ops = ops;
        this.smart = smart;
    }

    @Override
    public String topic() {
        return smart ? MediaTopics.SMART_CUT : MediaTopics.CLIP;
    }

    @Override
    public String[] variables() {
        return new String[]{"sourceKey", "inSeconds", "outSeconds", "outputKey"};
    }

    @Override
    public Map<String, Object> handle(MediaJob job) {
        TimeRange range = TimeRange.ofSeconds(job.seconds("inSeconds"), job.seconds("outSeconds"));
        String outputKey = job.outputKey("clips", "mp4");
        Path source = job.download(job.text("sourceKey"), "source");
        Path target = job.workDir().resolve("clip.mp4");
        ClipResult clip = smart ? ops.smartCut(source, range, target, job.progress())
                : ops.copyClip(source, range, target, job.progress());
        job.store().put(outputKey, target, "video/mp4");
        return Map.of("outputKey", outputKey, "clipStartSeconds", MediaTaskHandler.seconds(clip.sourceStartMicros()),
                "durationSeconds", MediaTaskHandler.seconds(clip.durationMicros()),
                "reencodedSeconds", MediaTaskHandler.seconds(clip.reencodedMicros()));
    }
}
