package io.centralkitchen.media.live;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a show goes live with: its station, id, ingest and destinations, and whether the ingest is recorded. A show with
 * two or more {@code sources} has a switched program (producers cut between them; {@code ingest} is the first source's);
 * with none or one, its single ingest is the program as it has always been.
 */
public record ShowSpec(String stationId, String showId, String title, IngestSpec ingest, List<DestinationSpec> destinations,
                       boolean record, List<SourceSpec> sources) {

    public ShowSpec(String stationId, String showId, String title, IngestSpec ingest, List<DestinationSpec> destinations,
                    boolean record) {
        this(stationId, showId, title, ingest, destinations, record, List.of());
    }

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
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (ingest == null && !sources.isEmpty()) {
            ingest = sources.get(0).ingest();
        }
        if (ingest == null) {
            throw new IllegalArgumentException("The show needs an ingest");
        }
        if (sources.size() > SourceSpec.MAX_SOURCES) {
            throw new IllegalArgumentException("A show has at most " + SourceSpec.MAX_SOURCES + " sources, got " + sources.size());
        }
        Set<String> names = new HashSet<>();
        int backups = 0;
        for (SourceSpec s : sources) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("Source name '" + s.name() + "' appears twice");
            }
            backups += s.backup() ? 1 : 0;
        }
        if (backups > 1) {
            throw new IllegalArgumentException("At most one source can be the backup, got " + backups);
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

    /** Whether producers cut between several sources (otherwise the single ingest is the program). */
    public boolean switched() {
        return sources.size() >= 2;
    }
}
