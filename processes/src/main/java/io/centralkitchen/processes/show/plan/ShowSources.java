package io.centralkitchen.processes.show.plan;

import io.centralkitchen.media.live.SourceSpec;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.show.ShowPlan;
import io.centralkitchen.processes.show.ShowSource;
import io.centralkitchen.processes.station.StationVault;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks a plan's named sources: names, modes, each one's own secret in the station's vault, at most one backup. */
final class ShowSources {

    static final List<String> MODES = List.of("PUBLISH", "PULL", "TEST_PATTERN");

    private ShowSources() {
    }

    static List<ShowSource> check(String stationId, List<ShowPlan.Source> requested, StationVault vault) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (requested.size() > SourceSpec.MAX_SOURCES) {
            throw new InvalidFieldException("sources", "A show has at most " + SourceSpec.MAX_SOURCES + " sources, got "
                    + requested.size());
        }
        List<ShowSource> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        boolean backup = false;
        for (int i = 0; i < requested.size(); i++) {
            ShowPlan.Source s = requested.get(i);
            String field = "sources[" + i + "]";
            if (s == null) {
                throw new InvalidFieldException(field, "A source is an object with name, mode, keySecretId and backup");
            }
            String name = s.name() == null ? "" : s.name().strip();
            if (!SourceSpec.NAME.matcher(name).matches() || name.equals("slate")) {
                throw new InvalidFieldException(field + ".name", "Source name '" + s.name() + "' is not valid: use 1 to 32"
                        + " lower-case letters, digits and '-' (not 'slate'), e.g. 'studio' or 'field'");
            }
            if (!names.add(name)) {
                throw new InvalidFieldException(field + ".name", "Source name '" + name + "' appears twice");
            }
            String mode = s.mode() == null ? "" : s.mode().strip().toUpperCase(Locale.ROOT);
            if (mode.equals("SRT")) {
                throw new InvalidFieldException(field + ".mode", "An SRT source is planned as PULL: its secret holds"
                        + " srt://0.0.0.0:<port>?mode=listener&passphrase=<10 to 79 characters> (the platform listens, the"
                        + " field unit calls in) or the unit's own srt:// URL (the unit listens)");
            }
            if (!MODES.contains(mode)) {
                throw new InvalidFieldException(field + ".mode", "Source '" + name + "': choose PUBLISH (its encoder publishes"
                        + " RTMP with its own key), PULL (the platform pulls a URL) or TEST_PATTERN; got '" + s.mode() + "'");
            }
            String secret = s.keySecretId() == null || s.keySecretId().isBlank() ? null : s.keySecretId().strip();
            if (!mode.equals("TEST_PATTERN")) {
                if (secret == null) {
                    throw new InvalidFieldException(field + ".keySecretId", "Source '" + name + "' (" + mode + ") needs the id"
                            + " of the secret holding " + (mode.equals("PUBLISH") ? "its own ingest key" : "the URL to pull"));
                }
                if (!vault.exists(stationId, secret)) {
                    throw new InvalidFieldException(field + ".keySecretId", "Station '" + stationId + "' has no secret '" + secret
                            + "' (set it with PUT /api/stations/" + stationId + "/secrets/" + secret + ")");
                }
                if (!keys.add(secret)) {
                    throw new InvalidFieldException(field + ".keySecretId", "Secret '" + secret + "' is used by another source:"
                            + " each source has a key (or URL) of its own");
                }
            }
            boolean isBackup = Boolean.TRUE.equals(s.backup());
            if (isBackup && backup) {
                throw new InvalidFieldException(field + ".backup", "Only one source can be the backup");
            }
            backup |= isBackup;
            sources.add(new ShowSource(name, mode, mode.equals("TEST_PATTERN") ? null : secret, isBackup));
        }
        return sources;
    }
}
