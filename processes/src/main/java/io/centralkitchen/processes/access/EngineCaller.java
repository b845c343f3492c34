package io.centralkitchen.processes.access;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

import java.util.List;

/**
 * Who calls the engine's REST APIs: the engine REST API's caller (its authentication filter runs before the
 * platform's filters) or the webapps' (Tasklist's) session user. Nobody known sees no station's task.
 */
record EngineCaller(String userId, List<String> tenants, List<String> groups) {

    static EngineCaller of(HttpServletRequest request, IdentityService identityService) {
        Authentication engine = identityService.getCurrentAuthentication();
        if (engine != null) {
            return new EngineCaller(engine.getUserId(), orEmpty(engine.getTenantIds()), orEmpty(engine.getGroupIds()));
        }
        Authentications webapp = request.getSession(false) == null ? null : AuthenticationUtil.getAuthsFromSession(request.getSession(false));
        for (UserAuthentication user : webapp == null ? List.<UserAuthentication>of() : webapp.getAuthentications()) {
            return new EngineCaller(user.getName(), orEmpty(user.getTenantIds()), orEmpty(user.getGroupIds()));
        }
        return new EngineCaller(null, List.of(), List.of());
    }

    boolean sees(String tenantId) {
        return tenantId == null || tenants.contains(tenantId) || groups.contains(KitchenGroups.ADMINS)
                || groups.contains("camunda-admin");
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
