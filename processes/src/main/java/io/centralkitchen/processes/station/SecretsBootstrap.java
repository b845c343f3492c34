package io.centralkitchen.processes.station;

import io.centralkitchen.media.live.LiveProperties;
import io.centralkitchen.processes.engine.KitchenProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Today's configuration as a bootstrap: the stream keys, ingest keys and pull URLs of {@code kitchen.live.secrets.*}
 * (environment {@code KITCHEN_LIVE_SECRETS_<ID>}) go into the FIRST station's vault when it has no secret of that name.
 * Every other station, and every later change, goes through {@code /api/stations/{station}/secrets}.
 */
@Component
public class SecretsBootstrap {

    private static final Logger log = LoggerFactory.getLogger(SecretsBootstrap.class);

    private final StationVault vault;
    private final KitchenProperties properties;
    private final ObjectProvider<LiveProperties> live;

    public SecretsBootstrap(StationVault vault, KitchenProperties properties, ObjectProvider<LiveProperties> live) {
        this.vault = vault;
        this.properties = properties;
        this.live = live;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void importConfiguredSecrets() {
        LiveProperties configured = live.getIfAvailable();
        if (configured == null) {
            return;
        }
        String station = properties.getStation().getId();
        configured.getSecrets().forEach((name, value) -> {
            if (value == null || value.isBlank() || !StationVault.NAME.matcher(name).matches()) {
                return;
            }
            if (vault.setIfAbsent(station, name, kindOf(value), value, "configuration")) {
                log.info("Secret '{}' of kitchen.live.secrets imported into the vault of station '{}'", name, station);
            }
        });
    }

    static String kindOf(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.contains("://") ? "PUSH_URL" : "INGEST_KEY";
    }
}
