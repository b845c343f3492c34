package io.centralkitchen.processes.access;

/**
 * The role matrix of the platform's own REST API, one expression per kind of work, used as
 * {@code @PreAuthorize(Roles.X)} on every {@code /api} operation (a test checks that none is missing). Which
 * station's data a caller may touch is checked where the data is loaded; these say which groups do the work.
 * Administrators ({@value KitchenGroups#ADMINS}) may do everything.
 */
public final class Roles {

    public static final String GROUP_PREFIX = "GROUP_";

    private static final String ADMIN = "'" + GROUP_PREFIX + KitchenGroups.ADMINS + "'";

    private static String any(String... groups) {
        StringBuilder s = new StringBuilder("hasAnyAuthority(" + ADMIN);
        for (String g : groups) {
            s.append(", '").append(GROUP_PREFIX).append(g).append('\'');
        }
        return s.append(')').toString();
    }

    public static final String ADMINS = "hasAuthority(" + ADMIN + ")";
    public static final String STATION_ADMINS = "hasAnyAuthority(" + ADMIN + ", 'GROUP_station-admins')";
    /** Any signed-in user (what they see is still limited to their stations). */
    public static final String ANY_USER = "isAuthenticated()";
    public static final String PRODUCERS = "hasAnyAuthority(" + ADMIN + ", 'GROUP_producers')";
    public static final String SHOW_READERS = "hasAnyAuthority(" + ADMIN + ", 'GROUP_producers', 'GROUP_marketers')";
    public static final String EDITORS = "hasAnyAuthority(" + ADMIN + ", 'GROUP_editors')";
    public static final String EDITORS_OR_PRODUCERS = "hasAnyAuthority(" + ADMIN + ", 'GROUP_editors', 'GROUP_producers')";
    /** Pre-selection records: editors and quality reviewers, and suppliers for their own submissions. */
    public static final String PRESELECTION_READERS = "hasAnyAuthority(" + ADMIN
            + ", 'GROUP_editors', 'GROUP_quality-reviewers', 'GROUP_suppliers')";
    public static final String SUBMITTERS = "hasAnyAuthority(" + ADMIN + ", 'GROUP_editors', 'GROUP_suppliers')";
    public static final String AFTER_SALES = "hasAnyAuthority(" + ADMIN + ", 'GROUP_after-sales')";
    /** The archive's evidence packs and integrity checks: administrators and compliance officers. */
    public static final String COMPLIANCE = "hasAnyAuthority(" + ADMIN + ", 'GROUP_" + KitchenGroups.COMPLIANCE + "')";
    public static final String MEDIA_WORKERS = "hasAnyAuthority(" + ADMIN + ", 'GROUP_media-workers')";

    private Roles() {
    }
}
