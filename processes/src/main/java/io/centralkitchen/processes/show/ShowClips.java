package io.centralkitchen.processes.show;

import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The clips of a show's product slots (table {@code show_clip}): which span of program time each covers, the objects
 * made from it, and what marketers decided. Object keys are derived from the station, show and clip ids.
 */
@Repository
public class ShowClips {

    /** A product slot's clip. Times are program time (ms); the keys are null until the object exists. */
    public record ShowClip(long id, String showId, long slotId, long productId, String recordingId, long inMillis,
                           long outMillis, String copyKey, Long clipStartMillis, Long durationMillis, String currentKey,
                           String verticalKey, String landscapeKey, String coverKey, Long trimInMillis, Long trimOutMillis,
                           String state, String note, String reviewedBy, String kind, Long markerId, String label,
                           Long cutFromMillis, Long cutToMillis) {

        public boolean highlight() {
            return HIGHLIGHT.equals(kind);
        }

        /** Its copy was cut from exactly the span planned now, widened by these rolls (ms): nothing to cut again. */
        public boolean cutFrom(long preRollMillis, long postRollMillis) {
            return copyKey != null && cutFromMillis != null && cutToMillis != null
                    && cutFromMillis == Math.max(0, inMillis - preRollMillis) && cutToMillis == outMillis + postRollMillis;
        }
    }

    public static final String PRODUCT = "PRODUCT";
    public static final String HIGHLIGHT = "HIGHLIGHT";

    /** A highlight the producer marked (program time, ms), to be cut around it. */
    public record Highlight(long markerId, long streamMillis, String label) {
    }

    private static final RowMapper<ShowClip> CLIP = (rs, i) -> new ShowClip(rs.getLong("id"), rs.getString("show_id"),
            rs.getLong("slot_id"), rs.getLong("product_id"), rs.getString("recording_id"), rs.getLong("in_millis"),
            rs.getLong("out_millis"), rs.getString("copy_key"), rs.getObject("clip_start_millis", Long.class),
            rs.getObject("duration_millis", Long.class), rs.getString("current_key"), rs.getString("vertical_key"),
            rs.getString("landscape_key"), rs.getString("cover_key"), rs.getObject("trim_in_millis", Long.class),
            rs.getObject("trim_out_millis", Long.class), rs.getString("state"), rs.getString("note"), rs.getString("reviewed_by"),
            rs.getString("kind"), rs.getObject("marker_id", Long.class), rs.getString("label"),
            rs.getObject("cut_from_millis", Long.class), rs.getObject("cut_to_millis", Long.class));

    private final JdbcTemplate jdbc;


    public ShowClips(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a clip's objects go: {@code <station>/shows/<show>/clips/<clip>/<name>}. */
    public static String key(String stationId, String showId, long clipId, String name) {
        return io.centralkitchen.storage.StationKeys.clip(stationId, showId, clipId, name);
    }

    /**
     * The show's clips, planned from its markers: one per product slot that went on air, from its marker to the next
     * product's or its own off-air marker (the last one to the end of the recording), and one per highlight marker,
     * {@code before} ahead of it to {@code after} past it, belonging to the slot on air at that moment. Planning again
     * finds the clips planned before.
     */
    public List<Long> plan(Show show, List<ShowSlot> slots, List<Long> offAirMillis, List<Highlight> highlights,
                           long recordingEndMillis, long before, long after) {
        List<ShowSlot> aired = slots.stream().filter(ShowSlot::onAir)
                .sorted((a, b) -> Long.compare(a.onAirMillis(), b.onAirMillis())).toList();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < aired.size(); i++) {
            ShowSlot slot = aired.get(i);
            long next = i + 1 < aired.size() ? aired.get(i + 1).onAirMillis() : recordingEndMillis;
            long out = offAirMillis.stream().filter(m -> m > slot.onAirMillis() && m < next).min(Long::compare).orElse(next);
            ids.add(planned(show.id(), show.recordingId(), slot, PRODUCT, null, null, slot.onAirMillis(),
                    Math.max(out, slot.onAirMillis() + 1000)));
        }
        for (Highlight h : highlights) {
            ShowSlot onAir = aired.stream().filter(s -> s.onAirMillis() <= h.streamMillis()).reduce((a, b) -> b).orElse(null);
            if (onAir == null || h.streamMillis() > recordingEndMillis) {
                continue; // before the first product or past the recording: nothing to sell it with, or nothing recorded
            }
            long in = Math.max(0, h.streamMillis() - before);
            ids.add(planned(show.id(), show.recordingId(), onAir, HIGHLIGHT, h.markerId(), h.label(), in,
                    Math.max(in + 1000, Math.min(recordingEndMillis, h.streamMillis() + after))));
        }
        return ids;
    }

    /**
     * The product clip of a slot that has closed while the show goes on ({@code outMillis}: the next product's marker or
     * its own off-air marker), of recording {@code recordingId}; planning it again at the end finds it.
     */
    public long planClosedSlot(String showId, String recordingId, ShowSlot slot, long outMillis) {
        return planned(showId, recordingId, slot, PRODUCT, null, null, slot.onAirMillis(), Math.max(outMillis, slot.onAirMillis() + 1000));
    }

    /**
     * A clip planned before is found again; when its span or recording has changed since (a producer's correction), the
     * new span is kept and its copy no longer counts as cut from it ({@link ShowClip#cutFrom}), so it is cut again.
     */
    private long planned(String showId, String recordingId, ShowSlot slot, String kind, Long markerId, String label, long in, long out) {
        String existing = "select id from show_clip where slot_id = ? and kind = ? and coalesce(marker_id, -1) = ?";
        long marker = markerId == null ? -1 : markerId;
        List<Long> found = jdbc.queryForList(existing, Long.class, slot.id(), kind, marker);
        if (!found.isEmpty()) {
            update("update show_clip set in_millis = ?, out_millis = ?, recording_id = ?, cut_from_millis = case when"
                            + " in_millis = ? and out_millis = ? and recording_id = ? then cut_from_millis end",
                    found.get(0), in, out, recordingId, in, out, recordingId);
            return found.get(0);
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into show_clip (show_id, slot_id, product_id, recording_id, in_millis, out_millis, state,"
                        + " created_at, updated_at, kind, marker_id, label) values (?,?,?,?,?,?,?,?,?,?,?,?)", showId, slot.id(),
                slot.productId(), recordingId, in, out, "PLANNED", now, now, kind, markerId, label);
        return jdbc.queryForList(existing, Long.class, slot.id(), kind, marker).get(0);
    }

    /** A clip of the show: a clip id from a variable is looked up and must belong to the process's show. */
    public ShowClip require(String showId, long clipId) {
        ShowClip clip = require(clipId);
        if (!clip.showId().equals(showId)) {
            throw new NotFoundException("Show '" + showId + "' has no clip " + clipId);
        }
        return clip;
    }

    public ShowClip require(long clipId) {
        return jdbc.query("select * from show_clip where id = ?", CLIP, clipId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("There is no clip " + clipId));
    }

    public List<ShowClip> ofShow(String showId) {
        return jdbc.query("select c.* from show_clip c join show_slot s on s.id = c.slot_id where c.show_id = ?"
                + " order by s.position, c.in_millis", CLIP, showId);
    }

    /**
     * The clip's copy is stored: cut for the span {@code inMillis}–{@code outMillis}, from program time {@code fromMillis}
     * to {@code toMillis} (with its rolls). Kept only while the clip still has that span: a cut finished after a
     * producer's correction changed it is not the clip's (false).
     */
    public boolean cut(long clipId, String copyKey, long clipStartMillis, long durationMillis, long inMillis, long outMillis,
                       long fromMillis, long toMillis) {
        return jdbc.update("update show_clip set copy_key = ?, current_key = ?, clip_start_millis = ?, duration_millis = ?,"
                        + " state = 'CUT', cut_from_millis = ?, cut_to_millis = ?, updated_at = ? where id = ? and in_millis = ?"
                        + " and out_millis = ?", copyKey, copyKey, clipStartMillis, durationMillis, fromMillis, toMillis,
                Timestamp.from(Instant.now()), clipId, inMillis, outMillis) == 1;
    }

    public void rendered(long clipId, String verticalKey, String landscapeKey, String coverKey) {
        update("update show_clip set vertical_key = ?, landscape_key = ?, cover_key = ?, state = 'READY'",
                clipId, verticalKey, landscapeKey, coverKey);
    }

    public void decided(long clipId, String state, String reviewedBy, String note) {
        update("update show_clip set state = ?, reviewed_by = ?, note = ?", clipId, state, reviewedBy, note);
    }

    public void trimmed(long clipId, String key, long trimInMillis, long trimOutMillis, long durationMillis) {
        update("update show_clip set current_key = ?, trim_in_millis = ?, trim_out_millis = ?, duration_millis = ?,"
                + " state = 'CUT'", clipId, key, trimInMillis, trimOutMillis, durationMillis);
    }

    public void failed(long clipId, String note) {
        update("update show_clip set state = 'FAILED', note = ?", clipId, note);
    }

    public void published(long clipId) {
        update("update show_clip set state = 'PUBLISHED'", clipId);
    }

    private void update(String sql, long clipId, Object... values) {
        Object[] args = new Object[values.length + 2];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = Timestamp.from(Instant.now());
        args[values.length + 1] = clipId;
        jdbc.update(sql + ", updated_at = ? where id = ?", args);
    }
}
