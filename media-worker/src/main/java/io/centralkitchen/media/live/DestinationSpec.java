package io.centralkitchen.media.live;

import java.util.regex.Pattern;

/**
 * One destination of a show: a preset, and the id of the secret holding its push URL (none for HLS).
 *
 * @param id unique within the show, e.g. {@code douyin-main}
 */
public record DestinationSpec(String id, String preset, String secretId) {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public DestinationSpec {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Destination id '" + id + "' is not valid: use 1 to 63 lower-case letters,"
                    + " digits and '-', e.g. 'douyin-main'");
        }
        if (preset == null || preset.isBlank()) {
            throw new IllegalArgumentException("Destination '" + id + "' needs a preset");
        }
    }
}
