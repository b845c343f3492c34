package io.centralkitchen.processes.access;

import java.util.List;

/** The Camunda groups every installation has from its first start; BPMN candidate groups use these ids. */
public final class KitchenGroups {

    public static final String EDITORS = "editors";
    public static final String QUALITY_REVIEWERS = "quality-reviewers";
    public static final String PRODUCERS = "producers";
    public static final String MARKETERS = "marketers";
    public static final String AFTER_SALES = "after-sales";
    public static final String ADMINS = "admins";
    /** Compliance officers: download evidence packs and check the archive of their stations; not a Tasklist group. */
    public static final String COMPLIANCE = "compliance";
    /** Administer their own stations (secrets, platform accounts); not a Tasklist group. */
    public static final String STATION_ADMINS = "station-admins";

    /** Groups whose members work in Tasklist. */
    public static final List<String> WORK_GROUPS = List.of(EDITORS, QUALITY_REVIEWERS, PRODUCERS, MARKETERS, AFTER_SALES);
    public static final List<String> ALL = List.of(EDITORS, QUALITY_REVIEWERS, PRODUCERS, MARKETERS, AFTER_SALES, STATION_ADMINS,
            COMPLIANCE, "media-workers", ADMINS);

    /**
     * The processes whose instances and history each group reads: its own work. Pre-selection dossiers are for editors
     * and quality reviewers, shows for producers and marketers, after-sales cases for after-sales staff.
     */
    public static final java.util.Map<String, List<String>> PROCESSES_OF_GROUP = java.util.Map.of(
            EDITORS, List.of("product-preselection"),
            QUALITY_REVIEWERS, List.of("product-preselection"),
            PRODUCERS, List.of("show", "warm-up", "live-show", "highlight-clipping", "slot-clip"),
            MARKETERS, List.of("show", "warm-up", "live-show", "highlight-clipping", "slot-clip"),
            AFTER_SALES, List.of("after-sales-case"));

    /** The account of media and live workers (set up by the platform). */
    public static final String MEDIA_WORKERS = "media-workers";

    private KitchenGroups() {
    }

    public static String displayName(String groupId) {
        return switch (groupId) {
            case EDITORS -> "Editors";
            case QUALITY_REVIEWERS -> "Quality reviewers";
            case PRODUCERS -> "Producers";
            case MARKETERS -> "Marketers";
            case AFTER_SALES -> "After-sales";
            case STATION_ADMINS -> "Station administrators";
            case COMPLIANCE -> "Compliance officers";
            case "media-workers" -> "Media and live workers";
            case ADMINS -> "Administrators";
            default -> groupId;
        };
    }
}
