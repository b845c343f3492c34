package io.centralkitchen.processes.catalogue;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The videos among a product's media ({@code product_media} rows with a {@code video/*} type) and what the media
 * worker found of each: CHECKING, READY (facts, mezzanine rendition, poster) or REFUSED (the reason, for the supplier).
 */
@Repository
public class ProductVideos {

    public static final String CHECKING = "CHECKING";
    public static final String READY = "READY";
    public static final String REFUSED = "REFUSED";

    public record Video(long id, String stationId, long productId, String objectKey, String fileName, String contentType,
                        long sizeBytes, String state, String refusal, Long durationMillis, Integer width, Integer height,
                        String videoCodec, Boolean hasAudio, String mezzanineKey, String posterKey) {

        /** What a teaser or a preview uses: the mezzanine when there is one, the original of a video from before checks. */
        public String editingKey() {
            return mezzanineKey != null ? mezzanineKey : objectKey;
        }
    }

    private static final RowMapper<Video> VIDEO = (rs, i) -> new Video(rs.getLong("id"), rs.getString("station_id"),
            rs.getLong("product_id"), rs.getString("object_key"), rs.getString("file_name"), rs.getString("content_type"),
            rs.getLong("size_bytes"), rs.getString("video_state"), rs.getString("refusal"),
            (Long) rs.getObject("duration_millis", Long.class), (Integer) rs.getObject("width", Integer.class),
            (Integer) rs.getObject("height", Integer.class), rs.getString("video_codec"),
            (Boolean) rs.getObject("has_audio", Boolean.class), rs.getString("mezzanine_key"), rs.getString("poster_key"));

    private final JdbcTemplate jdbc;

    public ProductVideos(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The video of a station by its media id; empty when it is not that station's, or not a video. */
    public Optional<Video> find(String stationId, long mediaId) {
        return jdbc.query("select * from product_media where id = ? and station_id = ? and content_type like 'video/%'", VIDEO,
                mediaId, stationId).stream().findFirst();
    }

    public Video require(String stationId, long mediaId) {
        return find(stationId, mediaId).orElseThrow(() -> new IllegalStateException(
                "Station '" + stationId + "' has no product video " + mediaId));
    }

    public List<Video> ofProduct(String stationId, long productId) {
        return jdbc.query("select * from product_media where product_id = ? and station_id = ? and content_type like 'video/%'"
                + " order by id", VIDEO, productId, stationId);
    }

    /** The videos a show may use: ready ones, and those stored before videos were checked; in the order sent. */
    public List<Video> usable(String stationId, long productId) {
        return ofProduct(stationId, productId).stream()
                .filter(v -> v.state() == null || READY.equals(v.state())).toList();
    }

    public void checking(long mediaId) {
        jdbc.update("update product_media set video_state = ?, refusal = null where id = ?", CHECKING, mediaId);
    }

    public void facts(long mediaId, long durationMillis, int width, int height, String videoCodec, boolean hasAudio) {
        jdbc.update("update product_media set duration_millis = ?, width = ?, height = ?, video_codec = ?, has_audio = ? where id = ?",
                durationMillis, width, height, videoCodec, hasAudio, mediaId);
    }

    public void ready(long mediaId, String mezzanineKey, String posterKey) {
        jdbc.update("update product_media set video_state = ?, mezzanine_key = ?, poster_key = ?, checked_at = ? where id = ?",
                READY, mezzanineKey, posterKey, Timestamp.from(Instant.now()), mediaId);
    }

    public void refused(long mediaId, String reason) {
        String r = reason == null || reason.isBlank() ? "The video could not be read" : reason.strip();
        jdbc.update("update product_media set video_state = ?, refusal = ?, checked_at = ? where id = ?", REFUSED,
                r.length() > 500 ? r.substring(0, 497) + "…" : r, Timestamp.from(Instant.now()), mediaId);
    }
}
