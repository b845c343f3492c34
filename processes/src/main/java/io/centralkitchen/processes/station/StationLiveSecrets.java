package io.centralkitchen.processes.station;

import io.centralkitchen.media.live.LiveSecrets;
import org.springframework.stereotype.Component;

/**
 * A station's stream keys, ingest keys and pull URLs as the live engine sees them: looked up in that station's vault
 * at each use, so a show reaches its own station's secrets only, and a destination that reconnects after a rotation
 * pushes with the new value.
 */
@Component
public class StationLiveSecrets {

    private final StationVault vault;

    public StationLiveSecrets(StationVault vault) {
        this.vault = vault;
    }

    public LiveSecrets of(String stationId) {
        return LiveSecrets.lookingUp(name -> vault.reveal(stationId, name).orElse(null),
                "the station's vault has no such secret (PUT /api/stations/" + stationId + "/secrets/<id>)");
    }
}
