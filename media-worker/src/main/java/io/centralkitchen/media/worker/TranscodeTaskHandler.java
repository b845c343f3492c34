package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.Watermark;
import io.centralkitchen.media.ops.MediaInfo;
import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.media.ops.MediaOperations;
import io.centralkitchen.media.ops.TranscodeProfile;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code media.transcode}: in {@code sourceKey}, {@code profile}, optional {@code fit} (pad, crop, blur-pad, layout),
 * optional {@code captionTitle}, {@code captionPrice} and {@code watermark} (a clip that sells: the product's name and
 * price in a caption band, the station's or the platform's watermark: text, {@code watermarkCorner}, a logo at
 * {@code watermarkImageKey}) and {@code outputKey}; out {@code outputKey},
 * {@code durationSeconds}, {@code width}, {@code height}, {@code sizeBytes}.
 */
final class TranscodeTaskHandler implements MediaTaskHandler {

    private final MediaOperations ops;

    public TranscodeTaskHandler(MediaOperations ops) {
        this.ops = ops;
    }

    @Override
    public String topic() {
        return MediaTopics.TRANSCODE;
    }

    @Override
    public String[] variables() {
        return new String[]{"sourceKey", "profile", "fit", "outputKey", "captionTitle", "captionPrice", "watermark",
                "watermarkCorner", "watermarkImageKey"};
    }

    @Override
    public Map<String, Object> handle(MediaJob job) {
        TranscodeProfile profile = ops.profile(job.text("profile"));
        String fit = job.optionalText("fit");
        if (fit != null) {
            profile = profile.withFit(TranscodeProfile.parseFit(fit));
        }
        String outputKey = job.outputKey("renditions", "mp4");
        Path source = job.download(job.text("sourceKey"), "source");
        Path target = job.workDir().resolve("rendition.mp4");
        String title = bounded(job.optionalText("captionTitle"), "captionTitle", 200);
        String price = bounded(job.optionalText("captionPrice"), "captionPrice", 40);
        String watermark = bounded(job.optionalText("watermark"), "watermark", 60);
        String imageKey = bounded(job.optionalText("watermarkImageKey"), "watermarkImageKey", 1024);
        Watermark mark = new Watermark(watermark, bounded(job.optionalText("watermarkCorner"), "watermarkCorner", 20),
                imageKey == null ? null : Watermark.readImage(job.download(imageKey, "watermark")));
        MediaInfo out;
        if (title != null || price != null || !mark.isEmpty()) {
            out = ops.captioned(source, profile, title, price, mark, target, job.progress()).output();
        } else {
            out = ops.transcode(source, profile, target, job.progress()).output();
        }
        job.store().put(outputKey, target, "video/mp4");
        return Map.of("outputKey", outputKey, "durationSeconds", MediaTaskHandler.seconds(out.durationMicros()),
                "width", out.video().width(), "height", out.video().height(), "sizeBytes", out.sizeBytes());
    }

    private static String bounded(String text, String name, int max) {
        if (text != null && text.length() > max) {
            throw new MediaInvalidException("'" + name + "' may be at most " + max + " characters long.");
        }
        return text;
    }
}
