package io.centralkitchen.processes.access;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import io.centralkitchen.processes.api.ApiExceptionHandler.AccessDeniedException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotAuthenticatedException;
import io.centralkitchen.processes.api.ApiExceptionHandler.StationNotFoundException;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Who is calling the platform's own REST API ({@code /api/*}), as authenticated by the engine's identity service.
 */
@Component
public class CurrentUser {

    private final IdentityService identityService;


    public CurrentUser(IdentityService identityService) {
        this.identityService = identityService;
    }

    public Authentication authentication() {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication == null) {
            throw new NotAuthenticatedException();
        }
        return authentication;
    }

    public String userId() {
        return authentication().getUserId();
    }

    public List<String> stations() {
        List<String> tenants = authentication().getTenantIds();
        return tenants == null ? List.of() : tenants;
    }

    public boolean isMemberOf(String groupId) {
        List<String> groups = authentication().getGroupIds();
        return groups != null && groups.contains(groupId);
    }

    public boolean isAdmin() {
        return isMemberOf(KitchenGroups.ADMINS);
    }

    /** Throws unless the caller works for {@code stationId} (or is an administrator): another station is "not found". */
    /** Whether the caller works for {@code stationId} (administrators work for every station). */
    public boolean worksFor(String stationId) {
        return isAdmin() || stations().contains(stationId);
    }

    public void requireStation(String stationId) {
        if (!isAdmin() && !stations().contains(stationId)) {
            throw new StationNotFoundException(stationId);
        }
    }

    /**
     * Throws unless the caller administers {@code stationId}: a platform administrator, or a member of
     * {@value KitchenGroups#STATION_ADMINS} working for that station. A station the caller does not work for is
     * "not found" (not named as someone else's).
     */
    public void requireStationAdmin(String stationId) {
        if (isAdmin()) {
            return;
        }
        if (!stations().contains(stationId)) {
            throw new StationNotFoundException(stationId);
        }
        if (!isMemberOf(KitchenGroups.STATION_ADMINS)) {
            throw new AccessDeniedException("This needs membership of the '" + KitchenGroups.STATION_ADMINS + "' group");
        }
    }

    public void requireGroup(String groupId) {
        if (!isAdmin() && !isMemberOf(groupId)) {
            throw new AccessDeniedException("This needs membership of the '" + groupId + "' group");
        }
    }
}
