package io.centralkitchen.processes.preselection;

import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * Evidence and media files of dossiers in storage. Keys are derived from ids, so a retried write overwrites. A file
 * written inside a transaction that then rolls back is deleted again: a rejected or failed request leaves no object.
 */
@Component
public class DossierFiles {

    private static final Logger log = LoggerFactory.getLogger(DossierFiles.class);

    private final MediaStore store;

    public DossierFiles(MediaStore store) {
        this.store = store;
    }

    /** Stores the upload under {@code key}; removed again if the surrounding transaction does not commit. */
    public StoredObject put(String key, MultipartFile file, String contentType) {
        deleteOnRollback(key);
        try (InputStream in = file.getInputStream()) {
            return store.put(key, in, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload '" + file.getOriginalFilename() + "'", e);
        }
    }

    public URI downloadLink(String key, Duration expiry) {
        return store.presignedGet(key, expiry);
    }

    private void deleteOnRollback(String key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    return;
                }
                try {
                    store.delete(key);
                } catch (RuntimeException e) {
                    log.warn("Could not remove '{}' after a failed submission; remove it by hand: {}", key, e.getMessage());
                }
            }
        });
    }
}
