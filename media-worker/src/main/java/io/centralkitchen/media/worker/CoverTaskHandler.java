package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.Cover;
import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.media.ops.MediaOperations;
import io.centralkitchen.media.ops.TimeRange;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code media.cover}: in {@code sourceKey} and either {@code atSeconds} or {@code fromSeconds} + {@code toSeconds}
 * (the sharpest frame of that range), optional {@code outputKey}; out {@code outputKey} (a JPEG),
 * {@code coverAtSeconds}, {@code width}, {@code height}.
 */
final class CoverTaskHandler implements MediaTaskHandler {

    private final MediaOperations ops;

    public CoverTaskHandler(MediaOperations ops) {
        this.ops = ops;
    }

    @Override
    public String topic() {
        return MediaTopics.COVER;
    }

    @Override
    public String[] variables() {
        return new String[]{"sourceKey", "atSeconds", "fromSeconds", "toSeconds", "outputKey"};
    }

    @Override
    public Map<String, Object> handle(MediaJob job) {
        Double at = job.optionalSeconds("atSeconds");
        Double from = job.optionalSeconds("fromSeconds");
        Double to = job.optionalSeconds("toSeconds");
        if (at == null && (from == null || to == null)) {
            throw new MediaInvalidException("A cover needs 'atSeconds', or 'fromSeconds' and 'toSeconds' for the sharpest "
                    + "frame of a range.");
        }
        String outputKey = job.outputKey("covers", "jpg");
        Path source = job.download(job.text("sourceKey"), "source");
        Path target = job.workDir().resolve("cover.jpg");
        Cover.Result cover = at != null ? ops.coverAt(source, Math.round(at * 1e6), target)
                : ops.sharpestCover(source, TimeRange.ofSeconds(from, to), target, job.progress());
        job.store().put(outputKey, target, "image/jpeg");
        return Map.of("outputKey", outputKey, "coverAtSeconds", MediaTaskHandler.seconds(cover.timeMicros()),
                "width", cover.width(), "height", cover.height());
    }
}
