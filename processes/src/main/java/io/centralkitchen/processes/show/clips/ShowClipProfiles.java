package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.show.ShowProperties;
import org.springframework.stereotype.Component;

/** The rendition profiles of clips and where covers are looked for, as the clipping model's inputs read them. */
@Component("showClipProfiles")
public class ShowClipProfiles {

    private final ShowProperties properties;


    public ShowClipProfiles(ShowProperties properties) {
        this.properties = properties;
    }

    public String vertical() {
        return properties.getVerticalProfile();
    }

    public String landscape() {
        return properties.getLandscapeProfile();
    }

    /** The cover is the sharpest picture of the clip, short of its very end (whose last frame may be cut short). */
    public double coverUntil(Object clipDurationSeconds) {
        double duration = clipDurationSeconds instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(clipDurationSeconds));
        return Math.max(0.04, Math.floor(duration * 0.95 * 1000) / 1000);
    }
}
