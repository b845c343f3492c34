package io.centralkitchen.storage;

/**
 * Where every object of a station lives: the one place that builds object keys. Everything of a station is under
 * {@code <station>/}; keys are derived from business ids, so a repeated write lands on the same key.
 * <pre>
 * &lt;station&gt;/suppliers/&lt;supplier&gt;/evidence/&lt;evidence&gt;/&lt;file&gt;           a dossier document
 * &lt;station&gt;/suppliers/&lt;supplier&gt;/products/&lt;product&gt;/media/&lt;n&gt;/&lt;file&gt;  a product picture or video
 *                                              .../media/&lt;n&gt;-renditions/&lt;name&gt;  what is made from a video
 * &lt;station&gt;/hosts/&lt;host&gt;/identity/&lt;file&gt;                        a host's identity check evidence
 * &lt;station&gt;/shows/&lt;show&gt;/teaser.mp4                               the warm-up teaser
 * &lt;station&gt;/shows/&lt;show&gt;/recording/&lt;recording&gt;/...                  a live recording (segments, manifest.json)
 * &lt;station&gt;/shows/&lt;show&gt;/clips/&lt;clip&gt;/&lt;name&gt;                         a clip and its renditions
 * </pre>
 */
public final class StationKeys {

    private StationKeys() {
    }

    /** Everything of the station starts with this. */
    public static String prefix(String stationId) {
        return stationId + "/";
    }

    /** Whether {@code key} is one of the station's objects. */
    public static boolean belongsTo(String stationId, String key) {
        return stationId != null && !stationId.isBlank() && key != null && key.startsWith(prefix(stationId));
    }

    public static String supplier(String stationId, long supplierId) {
        return prefix(stationId) + "suppliers/" + supplierId + "/";
    }

    public static String evidence(String stationId, long supplierId, long evidenceId, String fileName) {
        return supplier(stationId, supplierId) + "evidence/" + evidenceId + "/" + safeName(fileName);
    }

    public static String productMedia(String stationId, long supplierId, long productId, int position, String fileName) {
        return supplier(stationId, supplierId) + "products/" + productId + "/media/" + position + "/" + safeName(fileName);
    }

    /**
     * Something made from a product's picture or video, beside it: {@code .../media/<n>-renditions/<name>} — a folder
     * no original can be in or be (originals are {@code .../media/<n>/<file>}), whatever the supplier named the file.
     */
    public static String productRendition(String mediaKey, String name) {
        return mediaKey.substring(0, mediaKey.lastIndexOf('/')) + "-renditions/" + name;
    }

    /** The evidence of a host's identity check (a new check's file replaces the key's object only if named alike). */
    public static String hostIdentity(String stationId, long hostId, String fileName) {
        return prefix(stationId) + "hosts/" + hostId + "/identity/" + safeName(fileName);
    }

    public static String show(String stationId, String showId) {
        return prefix(stationId) + "shows/" + showId + "/";
    }

    public static String teaser(String stationId, String showId) {
        return show(stationId, showId) + "teaser.mp4";
    }

    public static String recording(String stationId, String showId, String recordingId) {
        return show(stationId, showId) + "recording/" + recordingId + "/";
    }

    public static String recordingManifest(String stationId, String showId, String recordingId) {
        return recording(stationId, showId, recordingId) + "manifest.json";
    }

    public static String clip(String stationId, String showId, long clipId, String name) {
        return show(stationId, showId) + "clips/" + clipId + "/" + name;
    }

    /** A file name safe as the last part of a key: letters (any script), digits, '.', '-', '_'; at most 100 characters. */
    public static String safeName(String original) {
        String base = original == null ? "" : original.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String cleaned = base.replaceAll("[^\\p{L}\\p{N}._-]", "_").replaceAll("^\\.+", "");
        if (cleaned.length() > 100) {
            cleaned = cleaned.substring(cleaned.length() - 100);
        }
        return cleaned.isEmpty() ? "file" : cleaned;
    }
}
