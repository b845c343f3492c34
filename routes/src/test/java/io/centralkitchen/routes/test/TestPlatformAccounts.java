package io.centralkitchen.routes.test;

import io.centralkitchen.routes.platform.PlatformAccount;
import io.centralkitchen.routes.platform.PlatformAccounts;
import io.centralkitchen.routes.platform.PropertiesPlatformAccounts;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an application's store of per-station accounts does, in memory: the first station's accounts from
 * {@code kitchen.platforms.*} (the real bootstrap), and accounts of any station a test puts — a new version of one
 * replaces the old, as a rotation in a vault would.
 */
public class TestPlatformAccounts implements PlatformAccounts {

    private final PropertiesPlatformAccounts bootstrap;
    private final Map<String, PlatformAccount> stored = new ConcurrentHashMap<>();

    public TestPlatformAccounts(PropertiesPlatformAccounts bootstrap) {
        this.bootstrap = bootstrap;
    }

    public void put(PlatformAccount account) {
        stored.put(account.label(), account);
    }

    public void remove(String stationId, String accountId) {
        stored.remove(stationId + "/" + accountId);
    }

    @Override
    public Optional<PlatformAccount> find(String stationId, String accountId) {
        PlatformAccount account = stored.get(stationId + "/" + accountId);
        return account != null ? Optional.of(account) : bootstrap.find(stationId, accountId);
    }

    @Override
    public List<PlatformAccount> list(String stationId) {
        Map<String, PlatformAccount> byId = new LinkedHashMap<>();
        bootstrap.list(stationId).forEach(a -> byId.put(a.accountId(), a));
        stored.values().stream().filter(a -> a.stationId().equals(stationId)).forEach(a -> byId.put(a.accountId(), a));
        return byId.values().stream().sorted(Comparator.comparing(PlatformAccount::accountId)).toList();
    }
}
