package io.centralkitchen.routes.platform;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bootstrap: {@code kitchen.platforms.*} (environment variables, usually) as the accounts of the first station
 * ({@code kitchen.station.id}). Every other station has no accounts from here; they get theirs from the application's
 * own {@link PlatformAccounts}, which may import these as the first station's starting point ({@link #list}).
 */
public class PropertiesPlatformAccounts implements PlatformAccounts {

    private final String stationId;
    private final Map<String, PlatformAccount> accounts;

    /** @throws IllegalStateException when an entry names an unknown kind (start-up fails with the property to fix) */
    public PropertiesPlatformAccounts(PlatformProperties properties, String stationId) {
        this.stationId = stationId;
        Map<String, PlatformAccount> byId = new LinkedHashMap<>();
        properties.getPlatforms().forEach((id, platform) -> byId.put(id, account(stationId, id, platform)));
        this.accounts = Map.copyOf(byId);
    }

    /** One {@code kitchen.platforms.<accountId>} entry as an account of {@code stationId}. */
    public static PlatformAccount account(String stationId, String accountId, PlatformProperties.Platform platform) {
        PlatformProperties.CircuitBreaker breaker = platform.getCircuitBreaker();
        return PlatformAccount.builder(stationId, accountId, platform.resolveKind(accountId))
                .baseUrl(platform.getBaseUrl()).appKey(platform.getAppKey()).appSecret(platform.getAppSecret())
                .accessToken(platform.getAccessToken(), null).webhookSecret(platform.getWebhookSecret())
                .rateLimit(platform.getRateLimit()).retries(platform.getRetries()).retryDelay(platform.getRetryDelay())
                .timeout(platform.getTimeout())
                .circuitBreaker(new PlatformAccount.CircuitBreakerSettings(breaker.getFailureRateThreshold(),
                        breaker.getSlidingWindowSize(), breaker.getMinimumNumberOfCalls(), breaker.getOpenDuration()))
                .build();
    }

    /** The one station these accounts belong to. */
    public String stationId() {
        return stationId;
    }

    @Override
    public Optional<PlatformAccount> find(String stationId, String accountId) {
        return this.stationId.equals(stationId) ? Optional.ofNullable(accounts.get(accountId)) : Optional.empty();
    }

    @Override
    public List<PlatformAccount> list(String stationId) {
        if (!this.stationId.equals(stationId)) {
            return List.of();
        }
        return accounts.values().stream().sorted(Comparator.comparing(PlatformAccount::accountId)).toList();
    }
}
