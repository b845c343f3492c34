package io.centralkitchen.media.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.media.ops.MediaOperations;
import io.centralkitchen.media.ops.Teaser;
import io.centralkitchen.media.ops.TeaserSpec;
import io.centralkitchen.media.ops.TimeRange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code media.teaser}: in {@code teaser}, JSON text
 * {@code {"profile":"vertical-720x1280","showLine":"12月1日 20:00 直播","fadeSeconds":0.5,
 * "parts":[{"sourceKey":"...","inSeconds":1,"outSeconds":4,"title":"本地有机大米","price":"¥39.90"}]}},
 * optional {@code "watermark"} (the station's mark in the corner) and optional {@code outputKey}; out {@code outputKey},
 * {@code durationSeconds}.
 */
final class TeaserTaskHandler implements MediaTaskHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MediaOperations ops;

    public TeaserTaskHandler(MediaOperations ops) {
        this.ops = ops;
    }

    @Override
    public String topic() {
        return MediaTopics.TEASER;
    }

    @Override
    public String[] variables() {
        return new String[]{"teaser", "outputKey"};
    }

    @Override
    public Map<String, Object> handle(MediaJob job) {
        JsonNode spec = parse(job.text("teaser"));
        String outputKey = job.outputKey("teasers", "mp4");
        List<TeaserSpec.Part> parts = new ArrayList<>();
        Map<String, Path> downloaded = new HashMap<>();
        for (JsonNode part : spec.path("parts")) {
            String key = part.path("sourceKey").asText(null);
            if (key == null || !part.has("inSeconds") || !part.has("outSeconds")) {
                throw new MediaInvalidException("Each teaser part needs sourceKey, inSeconds and outSeconds: " + part);
            }
            Path source = downloaded.computeIfAbsent(key, k -> job.download(k, "source-" + downloaded.size()));
            parts.add(new TeaserSpec.Part(source, TimeRange.ofSeconds(part.path("inSeconds").asDouble(),
                    part.path("outSeconds").asDouble()), part.path("title").asText(""), part.path("price").asText("")));
        }
        TeaserSpec teaser = new TeaserSpec(parts, ops.profile(spec.path("profile").asText("vertical-720x1280")),
                spec.path("showLine").asText(""), Math.round(spec.path("fadeSeconds").asDouble(0.5) * 1e6), null,
                spec.path("watermark").asText(null));
        Path target = job.workDir().resolve("teaser.mp4");
        Teaser.Result result = ops.teaser(teaser, target, job.progress());
        job.store().put(outputKey, target, "video/mp4");
        return Map.of("outputKey", outputKey, "durationSeconds", MediaTaskHandler.seconds(result.durationMicros()));
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.path("parts").isArray() || node.path("parts").isEmpty()) {
                throw new MediaInvalidException("The 'teaser' variable needs a non-empty 'parts' array.");
            }
            return node;
        } catch (IOException e) {
            throw new MediaInvalidException("The 'teaser' variable is not valid JSON: " + e.getMessage(), e);
        }
    }
}
