package io.centralkitchen.processes.show;

import io.centralkitchen.storage.MediaStore;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Links to the show's objects: short-lived previews for reviewers, longer ones for what platforms fetch. */
@Component
public class ShowLinks {

    private final MediaStore store;
    private final ShowProperties properties;

    public ShowLinks(MediaStore store, ShowProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    public String preview(String key) {
        return key == null ? null : store.presignedGet(key, properties.getPreviewLinkExpiry()).toString();
    }

    public String published(String key) {
        Duration expiry = properties.getPublishedLinkExpiry().compareTo(Duration.ofDays(7)) > 0 ? Duration.ofDays(7)
                : properties.getPublishedLinkExpiry();
        return key == null ? null : store.presignedGet(key, expiry).toString();
    }
}
