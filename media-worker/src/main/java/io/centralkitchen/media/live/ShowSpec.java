package io.centralkitchen.media.live;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What a show goes live with: its station, id, ingest and destinations, and whether the ingest is recorded. */
public record ShowSpec(String stationId, String showId, String title, IngestSpec ingest, List<DestinationSpec> destinations,
                       boolean record) {

    /** Show ids appear in object keys and in the public HLS URL. */
    public static final Pattern SHOW_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public ShowSpec {
        if (stationId == null || !SHOW_ID.matcher(stationId).matches()) {
            throw new IllegalArgumentException("Station id '" + stationId + "' is not valid");
        }
        if (showId == null || !SHOW_ID.matcher(showId).matches()) {
            throw new IllegalArgumentException("Show id '" + showId + "' is not valid: use 2 to 63 lower-case letters,"
                    + " digits and '-', e.g. 'harvest-festival-2026'");
        }
        if (ingest == null) {
            throw new IllegalArgumentException("The show needs an ingest");
        }
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
        Set<String> ids = new HashSet<>();
        for (DestinationSpec d : destinations) {
            if (!ids.add(d.id())) {
                throw new IllegalArgumentException("Destination id '" + d.id() + "' appears twice");
            }
        }
        title = title == null || title.isBlank() ? showId : title.strip();
    }
}
