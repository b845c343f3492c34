package io.centralkitchen.processes.station;

import io.centralkitchen.processes.access.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code /api/stations/{station}/secrets}: a station's administrators set, rotate and delete its secrets. Write-only:
 * answers show the masked tail, a fingerprint, who set it and when — never the value.
 */
@RestController
@RequestMapping("/api/stations/{stationId}/secrets")
public class VaultController {

    public record NewValue(String kind, String value) {
    }

    private final StationVault vault;
    private final CurrentUser currentUser;

    public VaultController(StationVault vault, CurrentUser currentUser) {
        this.vault = vault;
        this.currentUser = currentUser;
    }

    @GetMapping
    @PreAuthorize(Roles.STATION_ADMINS)
    public List<StationVault.SecretView> list(@PathVariable String stationId) {
        currentUser.requireStationAdmin(stationId);
        return vault.list(stationId);
    }

    @GetMapping("/{name}")
    @PreAuthorize(Roles.STATION_ADMINS)
    public StationVault.SecretView get(@PathVariable String stationId, @PathVariable String name) {
        currentUser.requireStationAdmin(stationId);
        return vault.view(stationId, name).orElseThrow(() -> new NotFoundException("Station '" + stationId
                + "' has no secret '" + name + "'"));
    }

    /** Sets or rotates the secret: live destinations use the new value at their next connection. */
    @PutMapping("/{name}")
    @PreAuthorize(Roles.STATION_ADMINS)
    public StationVault.SecretView set(@PathVariable String stationId, @PathVariable String name, @RequestBody NewValue body) {
        currentUser.requireStationAdmin(stationId);
        return vault.set(stationId, name, body == null ? null : body.kind(), body == null ? null : body.value(), currentUser.userId());
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(Roles.STATION_ADMINS)
    public void delete(@PathVariable String stationId, @PathVariable String name) {
        currentUser.requireStationAdmin(stationId);
        if (!vault.delete(stationId, name)) {
            throw new NotFoundException("Station '" + stationId + "' has no secret '" + name + "'");
        }
    }
}
