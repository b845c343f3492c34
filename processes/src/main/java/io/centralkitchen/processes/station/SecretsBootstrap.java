package io.centralkitchen.processes.station;

import io.centralkitchen.media.live.LiveProperties;
import io.centralkitchen.processes.engine.KitchenProperties;
import io.centralkitchen.routes.platform.PlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Today's configuration as a bootstrap: the platform accounts of {@code kitchen.platforms.*} and the stream keys, ingest
 * keys and pull URLs of {@code kitchen.live.secrets.*} (environment {@code KITCHEN_PLATFORMS_<ID>_…},
 * {@code KITCHEN_LIVE_SECRETS_<ID>}) go to the FIRST station — accounts and vault — when it has none of that name.
 * Every other station, and every later change, goes through {@code /api/stations/{station}/secrets}.
 */
@Component
public class SecretsBootstrap {

    private static final Logger log = LoggerFactory.getLogger(SecretsBootstrap.class);

    private final StationVault vault;
    private final KitchenProperties properties;
    private final ObjectProvider<LiveProperties> live;
    private final StationAccounts accounts;
    private final ObjectProvider<PlatformProperties> platforms;

    public SecretsBootstrap(StationVault vault, KitchenProperties properties, ObjectProvider<LiveProperties> live,
                            StationAccounts accounts, ObjectProvider<PlatformProperties> platforms) {
        this.vault = vault;
        this.properties = properties;
        this.live = live;
        this.accounts = accounts;
        this.platforms = platforms;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void importConfiguredSecrets() {
        String station = properties.getStation().getId();
        PlatformProperties configuredPlatforms = platforms.getIfAvailable();
        if (configuredPlatforms != null) {
            configuredPlatforms.getPlatforms().forEach((id, p) -> {
                if (!StationAccounts.ACCOUNT_ID.matcher(id).matches()) {
                    log.warn("kitchen.platforms.{} not imported: an account id is lower-case letters, digits and '-'", id);
                    return;
                }
                if (accounts.saveIfAbsent(station, id, new StationAccounts.AccountForm(p.resolveKind(id).id(), p.getBaseUrl(),
                        p.getAppKey(), p.getAppSecret(), p.getAccessToken(), null, p.getWebhookSecret(), p.getRateLimit(),
                        p.getRetries(), p.getRetryDelay().toMillis(), p.getTimeout().toMillis()), "configuration")) {
                    log.info("Platform account '{}' of kitchen.platforms imported into station '{}'", id, station);
                }
            });
        }
        LiveProperties configured = live.getIfAvailable();
        if (configured == null) {
            return;
        }
        configured.getSecrets().forEach((name, value) -> {
            if (value == null || value.isBlank() || !StationVault.NAME.matcher(name).matches()) {
                return;
            }
            if (vault.setFromConfiguration(station, name, kindOf(value), value)) {
                log.info("Secret '{}' of kitchen.live.secrets imported into the vault of station '{}'", name, station);
            }
        });
    }

    static String kindOf(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.contains("://") ? "PUSH_URL" : "INGEST_KEY";
    }
}
