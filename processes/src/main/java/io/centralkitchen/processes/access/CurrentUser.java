package io.centralkitchen.processes.access;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
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

    /** Throws {@link AccessDeniedException} unless the caller works for {@code stationId} (or is an administrator). */
    public void requireStation(String stationId) {
        if (!isAdmin() && !stations().contains(stationId)) {
            throw new AccessDeniedException("You do not work for station '" + stationId + "'");
        }
    }

    public void requireGroup(String groupId) {
        if (!isAdmin() && !isMemberOf(groupId)) {
            throw new AccessDeniedException("This needs membership of the '" + groupId + "' group");
        }
    }

    public static class NotAuthenticatedException extends RuntimeException {
        public NotAuthenticatedException() {
            super("Authentication required");
        }
    }

    public static class AccessDeniedException extends RuntimeException {
        public AccessDeniedException(String message) {
            super(message);
        }
    }
}
