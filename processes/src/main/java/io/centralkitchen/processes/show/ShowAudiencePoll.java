package io.centralkitchen.processes.show;

import io.centralkitchen.routes.audience.AudiencePoll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * The live rooms the audience poll asks about: every destination with a platform and a live room of every show on
 * air; a count goes into the show's figures (source POLL) for the room's station and show only.
 */
@Component
public class ShowAudiencePoll implements AudiencePoll {

    /** At most this many rooms per poll. */
    static final int MAX_ROOMS = 200;

    private final JdbcTemplate jdbc;
    private final ShowFigureEvents figures;

    public ShowAudiencePoll(JdbcTemplate jdbc, ShowFigureEvents figures) {
        this.jdbc = jdbc;
        this.figures = figures;
    }

    @Override
    public List<LiveRoom> rooms() {
        return jdbc.query("select k.station_id, d.platform, k.id, d.live_room_id from kitchen_show k join show_destination d"
                        + " on d.show_id = k.id where k.state = 'LIVE' and d.platform is not null and d.live_room_id is not null"
                        + " order by k.id, d.destination_id fetch first " + MAX_ROOMS + " rows only",
                (rs, i) -> new LiveRoom(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    @Override
    public void record(LiveRoom room, Instant at, long concurrentViewers) {
        if (figures.showOfStation(room.stationId(), room.showId())) {
            figures.viewers(room.stationId(), room.platform(), room.showId(), at, concurrentViewers, null, "POLL");
        }
    }
}
