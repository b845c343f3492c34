package io.centralkitchen.processes.media;

import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.media.worker.EngineConnection;
import io.centralkitchen.media.worker.EngineConnectionProvider;
import io.centralkitchen.media.worker.MediaWorkerProperties;
import io.centralkitchen.processes.station.StationRegistered;
import io.centralkitchen.processes.station.StationService;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.List;

/**
 * The technical user the in-process media worker logs in to {@code /engine-rest} with: id
 * {@code kitchen.media.worker.user} (default {@code media-worker}), password {@code KITCHEN_MEDIA_WORKER_PASSWORD}
 * or, when that is unset, a random one made at each start and handed only to the in-process worker (never printed).
 * It belongs to every station's tenant and may only fetch, lock, extend, complete and fail external tasks — no
 * Tasklist, no Cockpit, no administration. The worker starts polling when the application is ready, so the web
 * server is already listening.
 */
@Component
public class MediaWorkerAccount implements EngineConnectionProvider {

    private static final Logger log = LoggerFactory.getLogger(MediaWorkerAccount.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The processes with external tasks for media and live workers. */
    static final List<String> MEDIA_PROCESSES = List.of("product-preselection", "product-video", "warm-up", "live-show",
            "highlight-clipping", "slot-clip");

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final StationService stations;
    private final MediaWorkerProperties properties;
    private final Environment environment;
    private String password;

    public MediaWorkerAccount(IdentityService identityService, AuthorizationService authorizationService,
                              StationService stations, MediaWorkerProperties properties, Environment environment) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.stations = stations;
        this.properties = properties;
        this.environment = environment;
    }

    public String userId() {
        return properties.getUser();
    }

    /**
     * The account exists whenever the application runs, also with the in-process worker switched off: standalone
     * workers log in with it (then with {@code KITCHEN_MEDIA_WORKER_PASSWORD}).
     */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void ensureAccount() {
        if (password == null) {
            ensureUser();
            stations.list().forEach(station -> joinStation(station.id()));
        }
    }

    /** Called by the worker's starter once the application is ready: the account exists, the URL is this server's. */
    @Override
    public synchronized EngineConnection connection() {
        ensureAccount();
        String url = properties.getEngineRestUrl();
        if (url == null || url.isBlank()) {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            String contextPath = environment.getProperty("server.servlet.context-path", "");
            url = "http://127.0.0.1:" + port + contextPath + "/engine-rest";
        }
        return new EngineConnection(url, userId(), password);
    }

    @EventListener
    public void onStationRegistered(StationRegistered event) {
        if (identityService.createUserQuery().userId(userId()).count() > 0) {
            joinStation(event.stationId());
        }
    }

    private void ensureUser() {
        String configured = properties.getPassword();
        password = configured == null || configured.isBlank() ? generated() : configured;
        User user = identityService.createUserQuery().userId(userId()).singleResult();
        if (user == null) {
            user = identityService.newUser(userId());
            user.setFirstName("Media");
            user.setLastName("Worker");
        }
        // Set at every start without checking the old one: a failed check would count as a failed login and lock
        // the account for a few seconds, right when the worker starts polling.
        user.setPassword(password);
        identityService.saveUser(user);
        // Least privilege: exactly what the external-task REST calls check — read and update instances — and only of
        // the processes that have media work; nothing of the others (a grant of an earlier version is taken back).
        revokeAny();
        List<String> processes = new java.util.ArrayList<>(MEDIA_PROCESSES);
        processes.addAll(List.of(environment.getProperty("kitchen.media-worker-account.extra-processes", String[].class, new String[0])));
        for (String process : processes) {
            grant(Resources.PROCESS_DEFINITION, process, Permissions.READ, Permissions.READ_INSTANCE, Permissions.UPDATE_INSTANCE);
        }
        if (identityService.createUserQuery().userId(userId()).memberOfGroup(KitchenGroups.MEDIA_WORKERS).count() == 0) {
            identityService.createMembership(userId(), KitchenGroups.MEDIA_WORKERS);
        }
        log.info("Media worker account '{}' ready ({} password)", userId(),
                configured == null || configured.isBlank() ? "generated in-memory" : "configured");
    }

    private void joinStation(String stationId) {
        if (identityService.createTenantQuery().tenantId(stationId).count() == 0) {
            log.warn("Station '{}' has no Camunda tenant (its registration did not finish); the media worker does not"
                    + " serve it until it is registered again", stationId);
            return;
        }
        if (identityService.createUserQuery().userId(userId()).memberOfTenant(stationId).count() == 0) {
            identityService.createTenantUserMembership(stationId, userId());
        }
    }

    private void revokeAny() {
        Authorization any = authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .userIdIn(userId()).resourceType(Resources.PROCESS_DEFINITION).resourceId(Authorization.ANY).singleResult();
        if (any != null) {
            authorizationService.deleteAuthorization(any.getId());
        }
    }

    private void grant(Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).userIdIn(userId())
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setUserId(userId());
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = authorization.getId() == null;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(authorization);
        }
    }

    private static String generated() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
