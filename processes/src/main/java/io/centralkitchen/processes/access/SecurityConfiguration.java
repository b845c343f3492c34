package io.centralkitchen.processes.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.centralkitchen.processes.api.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The platform's own HTTP surface under Spring Security, with Camunda's identity as the user store
 * ({@link CamundaIdentityAuthentication}):
 * <ul>
 *   <li>{@code /api/**}: HTTP Basic (scripts, suppliers, workers) or the session of the platform's pages; every operation
 *   names its groups ({@link Roles}, method security); a state-changing request whose {@code Origin} is another site is
 *   refused (a browser holding credentials cannot be made to post cross-site), and a session-authenticated one needs
 *   the CSRF token as well;</li>
 *   <li>the actuator and the OpenAPI documents behind authentication ({@code /actuator/health} alone is public, without
 *   details); the public live pages ({@code /live/**}) with a content security policy, no framing by other sites
 *   ({@code kitchen.security.frame-ancestors}) and {@code nosniff};</li>
 *   <li>{@code /engine-rest/**} and the Camunda webapps keep their own authentication (and headers); signed webhooks
 *   authenticate by their HMAC.</li>
 * </ul>
 * For each request the signed-in user is also the engine's current authentication, so the engine's authorizations and
 * station (tenant) checks apply to everything the request does. Production single sign-on: docs/security.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
public class SecurityConfiguration {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Bean
    CamundaIdentityAuthentication camundaIdentityAuthentication(IdentityService identityService) {
        return new CamundaIdentityAuthentication(identityService);
    }

    @Bean
    AuthenticationManager kitchenAuthenticationManager(CamundaIdentityAuthentication provider) {
        return new ProviderManager(provider);
    }

    /** Another station's task is "not found" on the engine's REST APIs (the engine's own and Tasklist's). */
    @Bean
    FilterRegistrationBean<OtherStationsTasks> otherStationsTasks(TaskService taskService, IdentityService identityService) {
        FilterRegistrationBean<OtherStationsTasks> registration = new FilterRegistrationBean<>(
                new OtherStationsTasks(taskService, identityService));
        registration.setName("kitchen-other-stations-tasks");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 29);
        return registration;
    }

    /** Completions and form starts through the engine's REST APIs set the form's fields only. */
    @Bean
    FilterRegistrationBean<FormFieldsOnly> formFieldsOnly(TaskService taskService, RepositoryService repositoryService,
                                                          IdentityService identityService, List<TaskGuard> guards) {
        FilterRegistrationBean<FormFieldsOnly> registration = new FilterRegistrationBean<>(
                new FormFieldsOnly(taskService, repositoryService, identityService, guards));
        registration.setName("kitchen-form-fields-only");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    /** Camunda's own surfaces: its filters authenticate, its webapps send their own CSP; webhooks carry an HMAC. */
    @Bean
    @Order(1)
    SecurityFilterChain camundaAndWebhooks(HttpSecurity http) throws Exception {
        // matched on the raw path: these are not Spring MVC handlers (the webapps and the engine's REST API have their own
        // servlets), so a path matcher of Spring MVC would not see them
        RequestMatcher own = request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/camunda/") || path.equals("/camunda") || path.startsWith("/engine-rest/")
                    || path.startsWith("/webhooks/");
        };
        return http.securityMatcher(own)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .headers(h -> h.disable())
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain platform(HttpSecurity http, AuthenticationManager authenticationManager, IdentityService identityService,
                                 CamundaIdentityAuthentication identity,
                                 @Value("${kitchen.security.frame-ancestors:'self'}") String frameAncestors,
                                 @Value("${kitchen.security.allowed-origins:}") List<String> allowedOrigins) throws Exception {
        // Pages signed in with a session send the CSRF token; scripts with HTTP Basic (no session) need none — the
        // Origin check below covers browsers that cache Basic credentials.
        RequestMatcher sessionWrites = request -> !SAFE.contains(request.getMethod()) && request.getRequestedSessionId() != null
                && !isBasic(request);
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        csrfHandler.setCsrfRequestAttributeName(null);
        return http
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(Roles.GROUP_PREFIX + KitchenGroups.ADMINS)
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").authenticated()
                        .requestMatchers("/live/**", "/demo/**", "/login", "/logout", "/error", "/webjars/**", "/static/**", "/room/**",
                                "/favicon.ico", "/").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized()))
                .formLogin(f -> f.permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(unauthorized(), request -> request.getRequestURI().startsWith("/api/")
                                || request.getRequestURI().startsWith("/actuator/") || request.getRequestURI().startsWith("/v3/"))
                        .accessDeniedHandler(forbidden()))
                .csrf(c -> c.requireCsrfProtectionMatcher(sessionWrites)
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(csrfHandler))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data: blob:;"
                                + " media-src 'self' blob:; connect-src 'self'; style-src 'self'; script-src 'self';"
                                + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors " + frameAncestors))
                        .frameOptions(f -> {
                            if ("'none'".equals(frameAncestors)) {
                                f.deny();
                            } else {
                                f.sameOrigin();
                            }
                        })
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new OriginCheck(allowedOrigins), org.springframework.security.web.csrf.CsrfFilter.class)
                .addFilterAfter(new TasklistSession(identity), org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineIdentity(identityService), AuthorizationFilter.class)
                .build();
    }

    private static boolean isBasic(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Central Kitchen\"");
            write(response, 401, "Unauthorized", "Authentication required: HTTP Basic with a platform account");
        };
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, 403, "Forbidden",
                "Your groups do not allow this operation, or the request came from another site");
    }

    static void write(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), ApiError.of(status, error, message));
    }

    /**
     * Refuses a state-changing request that a browser sent from another site: its {@code Origin} (or, without one,
     * {@code Sec-Fetch-Site: cross-site}) must be this platform's own origin or one of {@code kitchen.security.allowed-origins}.
     * Clients that are not browsers send neither header and pass.
     */
    static final class OriginCheck extends OncePerRequestFilter {
        private final List<String> allowed;

        OriginCheck(List<String> allowed) {
            this.allowed = allowed.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!SAFE.contains(request.getMethod()) && crossSite(request)) {
                write(response, 403, "Forbidden", "Cross-site requests are refused: call the API from this platform's pages"
                        + " or from a client that is not a browser");
                return;
            }
            chain.doFilter(request, response);
        }

        private boolean crossSite(HttpServletRequest request) {
            String origin = request.getHeader("Origin");
            if (origin == null || origin.isBlank()) {
                return "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
            }
            if ("null".equals(origin) || !(origin.startsWith("http://") || origin.startsWith("https://"))) {
                return true;
            }
            if (allowed.contains(origin)) {
                return false;
            }
            try {
                URI o = URI.create(origin);
                int port = o.getPort() > 0 ? o.getPort() : "https".equals(o.getScheme()) ? 443 : 80;
                String host = request.getHeader("Host");
                String self = request.getServerName() + ":" + request.getServerPort();
                String claimed = o.getHost() + ":" + port;
                return !(claimed.equalsIgnoreCase(self) || (host != null && (host.equalsIgnoreCase(o.getHost() + ":" + port)
                        || (host.equalsIgnoreCase(o.getHost()) && (port == 80 || port == 443)))));
            } catch (IllegalArgumentException e) {
                return true;
            }
        }
    }

    /** Makes the signed-in user the engine's current authentication for the request (and nobody after it). */
    static final class EngineIdentity extends OncePerRequestFilter {
        private final IdentityService identityService;

        EngineIdentity(IdentityService identityService) {
            this.identityService = identityService;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.getPrincipal() instanceof CamundaIdentityAuthentication.Principal p) {
                identityService.setAuthentication(p.userId(), p.groups(), p.stations());
            }
            try {
                chain.doFilter(request, response);
            } finally {
                identityService.clearAuthentication();
            }
        }
    }
}
