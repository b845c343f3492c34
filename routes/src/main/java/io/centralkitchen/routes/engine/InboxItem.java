package io.centralkitchen.routes.engine;

import java.util.Map;

/** One piece of work for the engine, as stored in {@code engine_inbox}. */
public record InboxItem(long id, String station, Kind kind, String target, String businessKey,
                        Map<String, Object> variables, int attempts) {

    public enum Kind {
        /** target = process definition key */
        START,
        /** target = message name */
        CORRELATE
    }

    @Override
    public String toString() {
        return kind + " " + target + " [" + station + "/" + businessKey + "]";
    }
}
