package io.centralkitchen.routes.platform;

import java.util.List;
import java.util.Optional;

/**
 * Where the stations' platform accounts come from. Every lookup names the station: an account of one station is never
 * visible to another, whatever its id. {@link PlatformAdapters} asks on every call (so a rotated token is used on the
 * next one): keep lookups cheap, e.g. cache decrypted accounts and drop the cache entry when one changes.
 * <p>
 * The default is {@link PropertiesPlatformAccounts} ({@code kitchen.platforms.*}, for the first station only); an
 * application replaces it with its own bean (a per-station vault, say).
 */
public interface PlatformAccounts {

    /** The station's account with this id; empty when the station has none, whatever other stations have. */
    Optional<PlatformAccount> find(String stationId, String accountId);

    /** The station's accounts, in a stable order (by account id, or as configured). */
    List<PlatformAccount> list(String stationId);
}
