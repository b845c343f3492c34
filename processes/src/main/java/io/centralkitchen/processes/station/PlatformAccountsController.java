package io.centralkitchen.processes.station;

import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.Roles;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
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
 * {@code /api/stations/{station}/platform-accounts}: a station's administrators keep its accounts on the platforms
 * (kind, API base URL, app key, pacing; the app secret, access token and webhook secret write-only, answered masked).
 * A changed secret is used from the next call on.
 */
@RestController
@RequestMapping("/api/stations/{stationId}/platform-accounts")
public class PlatformAccountsController {

    private final StationAccounts accounts;
    private final CurrentUser currentUser;

    public PlatformAccountsController(StationAccounts accounts, CurrentUser currentUser) {
        this.accounts = accounts;
        this.currentUser = currentUser;
    }

    @GetMapping
    @PreAuthorize(Roles.STATION_ADMINS)
    public List<StationAccounts.AccountView> list(@PathVariable String stationId) {
        currentUser.requireStationAdmin(stationId);
        return accounts.views(stationId);
    }

    @GetMapping("/{accountId}")
    @PreAuthorize(Roles.STATION_ADMINS)
    public StationAccounts.AccountView get(@PathVariable String stationId, @PathVariable String accountId) {
        currentUser.requireStationAdmin(stationId);
        return accounts.view(stationId, accountId).orElseThrow(() -> new NotFoundException("Station '" + stationId
                + "' has no platform account '" + accountId + "'"));
    }

    @PutMapping("/{accountId}")
    @PreAuthorize(Roles.STATION_ADMINS)
    public StationAccounts.AccountView save(@PathVariable String stationId, @PathVariable String accountId,
                                            @RequestBody StationAccounts.AccountForm form) {
        currentUser.requireStationAdmin(stationId);
        return accounts.save(stationId, accountId, form, currentUser.userId());
    }

    @DeleteMapping("/{accountId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(Roles.STATION_ADMINS)
    public void delete(@PathVariable String stationId, @PathVariable String accountId) {
        currentUser.requireStationAdmin(stationId);
        if (!accounts.delete(stationId, accountId)) {
            throw new NotFoundException("Station '" + stationId + "' has no platform account '" + accountId + "'");
        }
    }
}
