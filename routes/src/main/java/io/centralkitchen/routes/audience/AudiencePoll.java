package io.centralkitchen.routes.audience;

import java.time.Instant;
import java.util.List;

/**
 * What the audience poll asks of the application: which live rooms to poll, and where a count goes. Implemented by
 * the application; every room names its station, and a count is recorded for that station only.
 */
public interface AudiencePoll {

    /** A show's live room on one of its station's platform accounts. */
    record LiveRoom(String stationId, String platform, String showId, String liveRoomId) {
    }

    /** The live rooms to poll now (shows on air). */
    List<LiveRoom> rooms();

    /** Records a count of concurrent viewers the platform gave for the room at {@code at}. */
    void record(LiveRoom room, Instant at, long concurrentViewers);
}
