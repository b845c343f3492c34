package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.MediaInvalidException;
import io.centralkitchen.media.ops.ProgressListener;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.ObjectKeys;
import io.centralkitchen.storage.StationKeys;
import io.centralkitchen.storage.ObjectNotFoundException;
import org.camunda.bpm.client.task.ExternalTask;

import java.nio.file.Path;

/**
 * One locked external task as a handler sees it: its input variables, a private working directory, the object store,
 * the output key derived from business ids, and a progress reporter.
 */
final class MediaJob {

    private final ExternalTask task;
    private final MediaStore store;
    private final Path workDir;
    private final ProgressListener progress;

    MediaJob(ExternalTask task, MediaStore store, Path workDir, ProgressListener progress) {
        this.task = task;
        this.store = store;
        this.workDir = workDir;
        this.progress = progress;
    }

    public ExternalTask task() {
        return task;
    }

    public MediaStore store() {
        return store;
    }

    public Path workDir() {
        return workDir;
    }

    public ProgressListener progress() {
        return progress;
    }

    /** A required text variable; missing or blank is bad input. */
    public String text(String name) {
        Object value = task.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            throw new MediaInvalidException("Input variable '" + name + "' is missing on task '" + task.getActivityId()
                    + "' (topic " + task.getTopicName() + "). Set it in the model's input mapping.");
        }
        return value.toString();
    }

    public String optionalText(String name) {
        Object value = task.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** A required number of seconds (Double, Long, Integer or a numeric string). */
    public double seconds(String name) {
        Double value = optionalSeconds(name);
        if (value == null) {
            throw new MediaInvalidException("Input variable '" + name + "' (seconds) is missing on task '"
                    + task.getActivityId() + "' (topic " + task.getTopicName() + ").");
        }
        return value;
    }

    public Double optionalSeconds(String name) {
        Object value = task.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new MediaInvalidException("Input variable '" + name + "' must be a number of seconds, got '" + value + "'.");
        }
    }

    /**
     * Downloads (and verifies) a source object into the working directory, as {@code <localName>/<the key's last
     * segment>}: messages about the file then name the object, not a working file. A missing object is bad input.
     */
    public Path download(String key, String localName) {
        stationsOwn(key);
        Path target = workDir.resolve(localName).resolve(fileNameOf(key));
        try {
            java.nio.file.Files.createDirectories(target.getParent());
            store.download(key, target);
        } catch (ObjectNotFoundException e) {
            throw new MediaInvalidException("Source object '" + key + "' does not exist in the store (bucket "
                    + store.bucket() + "). Check the key, or upload the file first.", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return target;
    }

    /**
     * The output key: {@code outputKey} when the process gives one, otherwise derived from the business ids —
     * {@code <station>/<kind>/<business key or instance>/<activity>.<ext>} — so a retry overwrites, never duplicates.
     */
    public String outputKey(String kind, String extension) {
        String given = optionalText("outputKey");
        if (given != null) {
            stationsOwn(given);
            return given;
        }
        String station = task.getTenantId();
        if (station == null || station.isBlank()) {
            String source = optionalText("sourceKey");
            station = source != null && source.contains("/") ? source.substring(0, source.indexOf('/')) : "shared";
        }
        String business = task.getBusinessKey() != null && !task.getBusinessKey().isBlank()
                ? task.getBusinessKey() : task.getProcessInstanceId();
        String key = station + "/" + kind + "/" + safe(business) + "/" + safe(task.getActivityId()) + "." + extension;
        validateKey(key);
        return key;
    }

    /**
     * A key this job may read or write: a valid key under the prefix of the task's station ({@code <station>/...}).
     * The key comes from a process variable; the station from the external task's tenant, which the engine sets —
     * so a variable naming another station's object is refused, as bad input, before anything is read or written.
     */
    public String stationsOwn(String key) {
        validateKey(key);
        String station = task.getTenantId();
        if (station != null && !station.isBlank() && !StationKeys.belongsTo(station, key)) {
            throw new MediaInvalidException("Object key '" + key + "' is not under the prefix of this task's station ('"
                    + station + "/'); a station's media jobs read and write its own objects only.");
        }
        return key;
    }

    /** The key's last segment as a local file name; one too long for a file system keeps its start and extension. */
    static String fileNameOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 200) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        return name.codePoints().limit(40).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append) + "…" + extension;
    }

    private static String safe(String part) {
        return part.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void validateKey(String key) {
        try {
            ObjectKeys.validate(key);
        } catch (RuntimeException e) {
            throw new MediaInvalidException("Object key '" + key + "' is not valid: " + e.getMessage(), e);
        }
    }
}
