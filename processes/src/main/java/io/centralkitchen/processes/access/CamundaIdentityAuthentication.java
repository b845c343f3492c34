package io.centralkitchen.processes.access;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.List;

/**
 * Spring Security's view of the platform's accounts: Camunda's identity service is the user store (users, their
 * groups and their stations, maintained in Camunda Admin or through an identity plugin such as LDAP). A user's groups
 * become authorities {@code GROUP_<id>}; the stations ride along in the {@link Principal}.
 */
public class CamundaIdentityAuthentication implements AuthenticationProvider {

    /** Who is signed in, with what the engine needs to apply its authorizations and station checks. */
    public record Principal(String userId, List<String> groups, List<String> stations) {
        @Override
        public String toString() {
            return userId;
        }
    }

    private final IdentityService identityService;

    public CamundaIdentityAuthentication(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || user.isBlank() || user.length() > 128 || !(credentials instanceof String password)
                || password.length() > 1024) {
            throw new BadCredentialsException("Bad credentials");
        }
        boolean valid;
        try {
            valid = EngineAsSystem.call(identityService, () -> identityService.checkPassword(user, password));
        } catch (RuntimeException lockedOrUnknown) {
            valid = false;
        }
        if (!valid) {
            throw new BadCredentialsException("Bad credentials");
        }
        return authenticated(user);
    }

    /** An authentication for {@code userId} with the groups and stations it has now (single sign-on users too). */
    public UsernamePasswordAuthenticationToken authenticated(String userId) {
        Principal principal = principal(userId);
        List<GrantedAuthority> authorities = new ArrayList<>();
        principal.groups().forEach(g -> authorities.add(new SimpleGrantedAuthority(Roles.GROUP_PREFIX + g)));
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }

    Principal principal(String userId) {
        return EngineAsSystem.call(identityService, () -> new Principal(userId,
                identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList(),
                identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
                        .map(Tenant::getId).toList()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
