package io.centralkitchen.processes.preselection.video;

import io.centralkitchen.processes.catalogue.ProductVideos;
import io.centralkitchen.processes.catalogue.ProductVideos.Video;
import io.centralkitchen.processes.preselection.PreselectionProperties;
import io.centralkitchen.storage.StationKeys;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Set;

/**
 * The steps of {@code product-video}: the video is named by the business key ({@code video-<id>}) within the process's
 * station and read from its row; the media worker's findings are checked against the limits and recorded on it.
 */
@Component("productVideoSteps")
public class ProductVideoSteps {

    public static final String PROCESS_KEY = "product-video";
    static final String REFUSED = "VIDEO_REFUSED";
    static final Set<String> VIDEO_CODECS = Set.of("h264", "hevc", "vp9", "av1");

    private final ProductVideos videos;
    private final PreselectionProperties properties;

    public ProductVideoSteps(ProductVideos videos, PreselectionProperties properties) {
        this.videos = videos;
        this.properties = properties;
    }

    public static String businessKey(long mediaId) {
        return "video-" + mediaId;
    }

    /** Records what the probe found and refuses a video over the limits; names the renditions to make. */
    public void check(DelegateExecution execution) {
        Video video = video(execution);
        double seconds = number(execution, "probedSeconds");
        int width = (int) number(execution, "probedWidth");
        int height = (int) number(execution, "probedHeight");
        Object probedCodec = execution.getVariable("probedVideoCodec");
        String codec = probedCodec == null ? "" : probedCodec.toString().toLowerCase(Locale.ROOT);
        boolean audio = Boolean.TRUE.equals(execution.getVariable("probedHasAudio"));
        videos.facts(video.id(), Math.round(seconds * 1000), width, height, codec, audio);
        PreselectionProperties.Video limits = properties.getVideo();
        if (width <= 0 || height <= 0 || codec.isEmpty()) {
            throw refuse(video, "it has no pictures (no video stream); send the video itself");
        }
        if (!VIDEO_CODECS.contains(codec)) {
            throw refuse(video, "its pictures are " + codec + "; send H.264, H.265, VP9 or AV1");
        }
        if (Math.max(width, height) > limits.getMaxLongSide() || Math.min(width, height) > limits.getMaxShortSide()) {
            throw refuse(video, "it is " + width + "x" + height + ", over the " + limits.getMaxLongSide() + "x"
                    + limits.getMaxShortSide() + " (4K) limit; send it in 4K or less");
        }
        if (seconds > limits.getMaxDuration().toSeconds()) {
            throw refuse(video, "it is " + minutes(seconds) + " long, over the " + minutes(limits.getMaxDuration().toSeconds())
                    + " limit; send a shorter cut");
        }
        execution.setVariable("editingProfile", height > width ? limits.getEditingProfileVertical() : limits.getEditingProfile());
        execution.setVariable("mezzanineKey", StationKeys.productRendition(video.objectKey(), "editing.mp4"));
        execution.setVariable("posterKey", StationKeys.productRendition(video.objectKey(), "poster.jpg"));
        execution.setVariable("posterWithinSeconds", Math.max(0.04, Math.min(seconds, 5.0)));
    }

    public void ready(DelegateExecution execution) {
        Video video = video(execution);
        videos.ready(video.id(), (String) execution.getVariable("mezzanineKey"), (String) execution.getVariable("posterKey"));
    }

    /** The video is refused with the media worker's or the limits' reason; the rest of the submission stands. */
    public void refuse(DelegateExecution execution) {
        Video video = video(execution);
        Object reason = execution.getVariable("refusal");
        videos.refused(video.id(), reason == null ? null : reason.toString());
    }

    private Video video(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        if (key == null || !key.matches("video-[0-9]{1,18}")) {
            throw new IllegalStateException("A product-video process is keyed 'video-<id>', not '" + key + "'");
        }
        return videos.require(execution.getTenantId(), Long.parseLong(key.substring("video-".length())));
    }

    private static BpmnError refuse(Video video, String why) {
        return new BpmnError(REFUSED, "'" + video.fileName() + "' is refused: " + why);
    }

    private static double number(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static String minutes(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? (s / 3600) + " h " + (s % 3600 / 60) + " min" : s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
