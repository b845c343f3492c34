package io.centralkitchen.processes.archive;

import io.centralkitchen.storage.DeleteGuard;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.RetainedObjectException;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps archived objects for {@code kitchen.archive.retention} (at least three years). On a store with S3 Object Lock
 * (MinIO, AWS S3 with a lock-enabled bucket) each archived object is put under COMPLIANCE-mode retention, which not even
 * the store's root can lift; on one without (the embedded S3Proxy) the platform says so at start-up and in
 * {@code /actuator/health}, and in either case the platform's own deletes ({@link MediaStore#delete}) refuse an
 * archived object before its retain-until date.
 */
@Component
class ArchiveRetention implements DeleteGuard {

    private static final Logger log = LoggerFactory.getLogger(ArchiveRetention.class);
    /** The models' {@code historyTimeToLive}: engine history outlives the archive's default retention. */
    static final java.time.Period ENGINE_HISTORY = java.time.Period.ofDays(1096);

    private final MediaStore store;
    private final ArchiveEntries entries;
    private final ArchiveProperties properties;
    private volatile boolean objectLock;

    ArchiveRetention(MediaStore store, ArchiveEntries entries, ArchiveProperties properties) {
        this.store = store;
        this.entries = entries;
        this.properties = properties;
    }

    @PostConstruct
    void start() {
        if (LocalDate.now().plus(properties.getRetention()).isAfter(LocalDate.now().plus(ENGINE_HISTORY))) {
            log.warn("Archive retention {} is longer than the engine's history time to live {}: raise the models'"
                    + " historyTimeToLive and camunda history-time-to-live to match (docs/configuration.md)",
                    properties.getRetention(), ENGINE_HISTORY);
        }
        objectLock = store.objectLockEnabled();
        store.guardDeletes(this);
        if (objectLock) {
            log.info("Archive retention {}: the object store enforces it (S3 Object Lock, COMPLIANCE mode, bucket '{}')",
                    properties.getRetention(), store.bucket());
        } else {
            log.warn("Archive retention {}: the object store at {} has no S3 Object Lock on bucket '{}' (the embedded S3Proxy"
                    + " never has): archived objects are protected only by the platform's own delete guard. In production use"
                    + " MinIO or S3 with a bucket created with object lock", properties.getRetention(), store.endpoint(), store.bucket());
        }
    }

    Instant until(Instant from) {
        return from.atZone(ZoneOffset.UTC).plus(properties.getRetention()).toInstant();
    }

    void retain(String key, Instant until) {
        if (!objectLock) {
            return;
        }
        try {
            store.retain(key, until);
        } catch (RuntimeException e) {
            log.error("Cannot put archived object '{}' under retention: {}", key, e.getMessage());
        }
    }

    @Override
    public void checkDelete(String bucket, String key) {
        if (!bucket.equals(store.bucket())) {
            return;
        }
        entries.retainedUntil(key).filter(until -> Instant.now().isBefore(until)).ifPresent(until -> {
            throw new RetainedObjectException(key, until);
        });
    }

    boolean objectLock() {
        return objectLock;
    }

    Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("retention", properties.getRetention().toString());
        d.put("objectLock", objectLock);
        d.put("retentionEnforcedBy", objectLock ? "the object store (S3 Object Lock, COMPLIANCE mode) and the platform's delete guard"
                : "the platform's delete guard only: the object store has no S3 Object Lock (embedded S3Proxy)");
        return d;
    }
}
