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
    /** Administer their own stations (secrets, platform accounts); not a Tasklist group. */
    public static final String STATION_ADMINS = "station-admins";

    /** Groups whose members work in Tasklist. */
    public static final List<String> WORK_GROUPS = List.of(EDITORS, QUALITY_REVIEWERS, PRODUCERS, MARKETERS, AFTER_SALES);
    public static final List<String> ALL = List.of(EDITORS, QUALITY_REVIEWERS, PRODUCERS, MARKETERS, AFTER_SALES, STATION_ADMINS,
            ADMINS);

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
            case ADMINS -> "Administrators";
            default -> groupId;
        };
    }
}
