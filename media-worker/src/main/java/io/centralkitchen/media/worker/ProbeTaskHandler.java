package io.centralkitchen.media.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.centralkitchen.media.ops.MediaInfo;
import io.centralkitchen.media.ops.MediaOperations;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code media.probe}: in {@code sourceKey}; out {@code mediaInfo} (JSON text) and its main facts as variables. */
final class ProbeTaskHandler implements MediaTaskHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MediaOperations ops;

    public ProbeTaskHandler(MediaOperations ops) {
        this.ops = ops;
    }

    @Override
    public String topic() {
        return MediaTopics.PROBE;
    }

    @Override
    public String[] variables() {
        return new String[]{"sourceKey"};
    }

    @Override
    public Map<String, Object> handle(MediaJob job) {
        MediaInfo info = ops.probe(job.download(job.text("sourceKey"), "source"));
        job.progress().progress(1.0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("durationSeconds", MediaTaskHandler.seconds(info.durationMicros()));
        out.put("width", info.video().width());
        out.put("height", info.video().height());
        out.put("videoCodec", info.video().codec());
        out.put("hasAudio", info.hasAudio());
        try {
            out.put("mediaInfo", JSON.writeValueAsString(info.summary()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
