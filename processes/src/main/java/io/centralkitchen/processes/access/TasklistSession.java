package io.centralkitchen.processes.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * People signed in to Tasklist follow the links in their forms (a dossier's documents) without signing in again: a
 * {@code GET} to the platform's API from a browser whose session holds a Camunda webapp sign-in is that user's, with
 * the groups and stations the identity service gives them now. Reading only — a change still needs the platform's
 * own sign-in (and its CSRF token) or HTTP Basic — and for this request only (nothing is stored in the session).
 */
final class TasklistSession extends OncePerRequestFilter {

    private static final String ENGINE = "default";

    private final CamundaIdentityAuthentication identity;

    TasklistSession(CamundaIdentityAuthentication identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (reading && session != null && (current == null || current instanceof AnonymousAuthenticationToken)) {
            Authentications webapp = AuthenticationUtil.getAuthsFromSession(session);
            var user = webapp == null ? null : webapp.getAuthenticationForProcessEngine(ENGINE);
            if (user != null && user.getName() != null) {
                try {
                    SecurityContextHolder.getContext().setAuthentication(identity.authenticated(user.getName()));
                } catch (RuntimeException noSuchUserAnyMore) {
                    // the session outlived the user: the request stays anonymous
                }
            }
        }
        chain.doFilter(request, response);
    }
}
