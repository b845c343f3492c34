package io.centralkitchen.processes.show.library;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the asset library reads, always within one station: the station's shows narrowed by the filters SQL can apply
 * (show, air date, a slot's product or supplier, a host, a platform that has something of the show), and per show its
 * clips, slots, hosts and publications. Every query names the station.
 */
@Repository
public class AssetRows {

    /** The library looks at the latest this many shows matching the filters. */
    static final int MAX_SHOWS = 500;

    public record ShowRow(String id, String stationId, String title, Instant airTime, String recordingId, String manifestKey,
                          String teaserKey, String teaserState, String state) {
    }

    public record ProductRow(long slotId, int position, long productId, String name, long supplierId, String supplier) {
    }

    public record ClipRow(long id, long slotId, long productId, String state, String copyKey, String currentKey,
                          String verticalKey, String landscapeKey, String coverKey, String kind, String label) {
    }

    public record PublicationRow(Long clipId, String kind, String platform, String state, Instant at, String reference) {
    }

    private final JdbcTemplate jdbc;

    public AssetRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<ShowRow> shows(String stationId, AssetQuery q) {
        StringBuilder sql = new StringBuilder("select k.id, k.station_id, k.title, k.air_time, k.recording_id, k.manifest_key,"
                + " k.teaser_key, k.teaser_state, k.state from kitchen_show k where k.station_id = ?");
        List<Object> args = new ArrayList<>(List.of(stationId));
        if (q.showId() != null) {
            sql.append(" and k.id = ?");
            args.add(q.showId());
        }
        if (q.from() != null) {
            sql.append(" and k.air_time >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and k.air_time < ?");
            args.add(Timestamp.from(q.to()));
        }
        if (q.productId() != null) {
            sql.append(" and exists (select 1 from show_slot ss where ss.show_id = k.id and ss.product_id = ?)");
            args.add(q.productId());
        }
        if (q.supplierId() != null) {
            sql.append(" and exists (select 1 from show_slot ss join product p on p.id = ss.product_id"
                    + " where ss.show_id = k.id and p.supplier_id = ?)");
            args.add(q.supplierId());
        }
        if (q.host() != null) {
            String like = "%" + q.host().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" and (exists (select 1 from show_host sh join host h on h.id = sh.host_id and h.station_id = k.station_id"
                    + " where sh.show_id = k.id and lower(h.display_name) like ? escape '\\')"
                    + " or exists (select 1 from slot_host x join show_slot ss on ss.id = x.slot_id join host h on h.id = x.host_id"
                    + " and h.station_id = k.station_id where ss.show_id = k.id and lower(h.display_name) like ? escape '\\'))");
            args.add(like);
            args.add(like);
        }
        if (q.platform() != null) {
            sql.append(" and exists (select 1 from show_publication sp where sp.show_id = k.id and sp.platform = ?)");
            args.add(q.platform());
        }
        sql.append(" order by k.air_time desc, k.id fetch first ").append(MAX_SHOWS).append(" rows only");
        return jdbc.query(sql.toString(), (rs, i) -> new ShowRow(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9)), args.toArray());
    }

    /** The show's slots with their products and suppliers (the products of the show's station only). */
    public List<ProductRow> products(String stationId, String showId) {
        return jdbc.query("select ss.id, ss.position, p.id, p.name, s.id, s.name from show_slot ss join product p on p.id = ss.product_id"
                        + " and p.station_id = ? join supplier s on s.id = p.supplier_id where ss.show_id = ? order by ss.position",
                (rs, i) -> new ProductRow(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6)),
                stationId, showId);
    }

    public List<ClipRow> clips(String showId) {
        return jdbc.query("select id, slot_id, product_id, state, copy_key, current_key, vertical_key, landscape_key, cover_key, kind,"
                        + " label from show_clip where show_id = ? order by id",
                (rs, i) -> new ClipRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)), showId);
    }

    /** A clip's rendition of platforms' own watermark (table clip_mark_rendition). */
    public record MarkRenditionRow(long clipId, String shape, String platforms, String key) {
    }

    /** The renditions of the platforms' own marks of the show's clips, of the station's. */
    public List<MarkRenditionRow> markRenditions(String stationId, String showId) {
        return jdbc.query("select r.clip_id, r.shape, r.platforms, r.output_key from clip_mark_rendition r join show_clip c"
                        + " on c.id = r.clip_id where r.station_id = ? and c.show_id = ? order by r.id",
                (rs, i) -> new MarkRenditionRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), stationId, showId);
    }

    /** The hosts of the show itself (key null) and of each slot (key: slot id), by display name. */
    public Map<Long, Set<String>> hosts(String stationId, String showId) {
        Map<Long, Set<String>> hosts = new HashMap<>();
        jdbc.query("select h.display_name from show_host sh join host h on h.id = sh.host_id and h.station_id = ?"
                + " where sh.show_id = ? order by h.display_name", rs -> {
                    hosts.computeIfAbsent(null, k -> new LinkedHashSet<>()).add(rs.getString(1));
                }, stationId, showId);
        jdbc.query("select x.slot_id, h.display_name from slot_host x join show_slot ss on ss.id = x.slot_id"
                + " join host h on h.id = x.host_id and h.station_id = ? where ss.show_id = ? order by h.display_name", rs -> {
                    hosts.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
                }, stationId, showId);
        return hosts;
    }

    /** The show's clip publications and warm-up posts (cues are no asset's). */
    public List<PublicationRow> publications(String showId) {
        return jdbc.query("select clip_id, kind, platform, state, updated_at, platform_ref from show_publication"
                        + " where show_id = ? and kind in ('CLIP', 'POST') order by updated_at, id",
                (rs, i) -> new PublicationRow(rs.getObject(1, Long.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6)), showId);
    }

    /** The clip if it belongs to a show of the station. */
    public java.util.Optional<String> showOfClip(String stationId, long clipId) {
        return jdbc.queryForList("select c.show_id from show_clip c join kitchen_show k on k.id = c.show_id"
                + " where c.id = ? and k.station_id = ?", String.class, clipId, stationId).stream().findFirst();
    }

    /** The station of the clip's show (to check it against the caller), if the clip exists. */
    public java.util.Optional<String> stationOfClip(long clipId) {
        return jdbc.queryForList("select k.station_id from show_clip c join kitchen_show k on k.id = c.show_id where c.id = ?",
                String.class, clipId).stream().findFirst();
    }
}
