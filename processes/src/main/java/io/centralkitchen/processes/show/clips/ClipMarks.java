package io.centralkitchen.processes.show.clips;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.PlatformPreset;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowDestination;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import jakarta.annotation.PostConstruct;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A clip's renditions per platform mark (table {@code clip_mark_rendition}): the platforms of the show whose watermark
 * differs from the station's mark for their shape get a rendition of their own — one per distinct mark, shared by
 * platforms whose marks are equal — rendered beside the station's two ({@code highlight-clipping}, "Render the
 * platforms' own marks"); the publication takes, for each platform, the rendition of its mark, else the station's.
 * Rows are read with the station they belong to.
 */
@Component("clipMarks")
public class ClipMarks {

    /** A watermark: text (none if null), corner, logo object key (none if null). */
    public record Mark(String text, String corner, String imageKey) {

        public static final List<String> CORNERS = List.of("top-right", "top-left", "bottom-left", "bottom-right");

        public static Mark of(String text, String corner, String imageKey) {
            return new Mark(text == null || text.isBlank() ? null : text.strip(),
                    corner == null || corner.isBlank() ? "top-right" : corner.strip().toLowerCase(Locale.ROOT),
                    imageKey == null || imageKey.isBlank() ? null : imageKey.strip());
        }

        public String hash() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest((text + "\n" + corner + "\n" + imageKey)
                        .getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest).substring(0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Row(long id, long clipId, String shape, String watermark, String corner, String imageKey, String outputKey) {
    }

    private final JdbcTemplate jdbc;
    private final Shows shows;
    private final LiveEngine live;
    private final ClipStyleProperties style;
    private final ShowProperties properties;

    public ClipMarks(JdbcTemplate jdbc, Shows shows, LiveEngine live, ClipStyleProperties style, ShowProperties properties) {
        this.jdbc = jdbc;
        this.shows = shows;
        this.live = live;
        this.style = style;
        this.properties = properties;
    }

    /** A mark that could never be drawn stops the start, naming the property. */
    @PostConstruct
    void check() {
        style.getStations().forEach((station, s) -> {
            check("kitchen.clip-style.stations." + station, station, s.mark(true));
            check("kitchen.clip-style.stations." + station, station, s.mark(false));
            s.getPlatforms().keySet().forEach(platform -> {
                check("kitchen.clip-style.stations." + station + ".platforms." + platform, station, s.mark(true, platform));
                check("kitchen.clip-style.stations." + station + ".platforms." + platform, station, s.mark(false, platform));
            });
        });
    }

    private static void check(String where, String station, Mark mark) {
        if (!Mark.CORNERS.contains(mark.corner())) {
            throw new IllegalStateException(where + ".watermark-corner must be one of " + Mark.CORNERS + ", not '" + mark.corner() + "'");
        }
        if (mark.text() != null && mark.text().length() > 60) {
            throw new IllegalStateException(where + ".watermark has at most 60 characters");
        }
        if (mark.imageKey() != null && (!mark.imageKey().startsWith(station + "/") || mark.imageKey().length() > 1024
                || mark.imageKey().contains(".."))) {
            throw new IllegalStateException(where + ".watermark-image must be an object key under the station's own prefix '"
                    + station + "/' in the media store");
        }
    }

    public static boolean vertical(LiveEngine live, ShowDestination d) {
        PlatformPreset preset = live.presets().get(d.preset());
        return preset != null && "9:16".equals(preset.profile().orientation());
    }

    /**
     * The clip's renditions per platform mark, recorded (again: the same rows; a mark no platform has any more is
     * dropped): their ids, for the clipping model to render.
     */
    public List<Long> plan(String stationId, String showId, long clipId) {
        ClipStyleProperties.Station mine = style.of(stationId);
        Map<String, TreeSet<String>> platformsOf = new LinkedHashMap<>();
        Map<String, Mark> marks = new LinkedHashMap<>();
        for (ShowDestination d : shows.destinations(showId)) {
            if (d.platform() == null) {
                continue;
            }
            boolean vertical = vertical(live, d);
            Mark mark = mine.mark(vertical, d.platform());
            if (mark.equals(mine.mark(vertical))) {
                continue;
            }
            String id = (vertical ? "VERTICAL" : "LANDSCAPE") + ":" + mark.hash();
            marks.put(id, mark);
            platformsOf.computeIfAbsent(id, k -> new TreeSet<>()).add(d.platform());
        }
        List<String> keep = new ArrayList<>();
        for (Map.Entry<String, Mark> e : marks.entrySet()) {
            String shape = e.getKey().substring(0, e.getKey().indexOf(':'));
            Mark mark = e.getValue();
            String platforms = String.join(",", platformsOf.get(e.getKey()));
            String output = ShowClips.key(stationId, showId, clipId, shape.toLowerCase(Locale.ROOT) + "-" + mark.hash() + ".mp4");
            int updated = jdbc.update("update clip_mark_rendition set platforms = ? where station_id = ? and clip_id = ? and shape = ?"
                    + " and mark_hash = ?", platforms, stationId, clipId, shape, mark.hash());
            if (updated == 0) {
                jdbc.update("insert into clip_mark_rendition (station_id, clip_id, shape, mark_hash, watermark, corner, image_key,"
                        + " output_key, platforms, created_at) values (?,?,?,?,?,?,?,?,?,?)", stationId, clipId, shape, mark.hash(),
                        mark.text(), mark.corner(), mark.imageKey(), output, platforms, Timestamp.from(Instant.now()));
            }
            keep.add(shape + ":" + mark.hash());
        }
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> r : jdbc.queryForList("select id, shape, mark_hash from clip_mark_rendition where station_id = ?"
                + " and clip_id = ? order by id", stationId, clipId)) {
            long id = ((Number) r.get("id")).longValue();
            if (keep.contains(r.get("shape") + ":" + r.get("mark_hash"))) {
                ids.add(id);
            } else {
                jdbc.update("delete from clip_mark_rendition where id = ? and station_id = ?", id, stationId);
            }
        }
        return ids;
    }

    /** The rendition a platform gets: the one of its own mark if the clip has it, else the station's of the shape. */
    public String renditionFor(String stationId, ShowClips.ShowClip clip, String platform, boolean vertical) {
        Mark mark = style.of(stationId).mark(vertical, platform);
        return jdbc.queryForList("select output_key from clip_mark_rendition where station_id = ? and clip_id = ? and shape = ?"
                        + " and mark_hash = ?", String.class, stationId, clip.id(), vertical ? "VERTICAL" : "LANDSCAPE", mark.hash())
                .stream().findFirst().orElse(vertical ? clip.verticalKey() : clip.landscapeKey());
    }

    // what the clipping model's "Render the platforms' own marks" reads, per rendition id (the clip's own, of its station)

    public String profile(DelegateExecution execution, Object id) {
        return vertical(row(execution, id)) ? properties.getVerticalProfile() : properties.getLandscapeProfile();
    }

    public String fit(DelegateExecution execution, Object id) {
        return vertical(row(execution, id)) ? (String) execution.getVariable("verticalFit") : null;
    }

    public String outputKey(DelegateExecution execution, Object id) {
        return row(execution, id).outputKey();
    }

    public String watermark(DelegateExecution execution, Object id) {
        return row(execution, id).watermark();
    }

    public String corner(DelegateExecution execution, Object id) {
        return row(execution, id).corner();
    }

    public String image(DelegateExecution execution, Object id) {
        return row(execution, id).imageKey();
    }

    private static boolean vertical(Row row) {
        return "VERTICAL".equals(row.shape());
    }

    private Row row(DelegateExecution execution, Object id) {
        long rendition = id instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(id));
        long clipId = ShowVariables.number(execution, "clipId");
        Optional<Row> row = jdbc.query("select * from clip_mark_rendition where id = ? and station_id = ? and clip_id = ?",
                (rs, i) -> new Row(rs.getLong("id"), rs.getLong("clip_id"), rs.getString("shape"), rs.getString("watermark"),
                        rs.getString("corner"), rs.getString("image_key"), rs.getString("output_key")),
                rendition, execution.getTenantId(), clipId).stream().findFirst();
        return row.orElseThrow(() -> new IllegalStateException("Clip " + clipId + " of station " + execution.getTenantId()
                + " has no mark rendition " + rendition));
    }
}
