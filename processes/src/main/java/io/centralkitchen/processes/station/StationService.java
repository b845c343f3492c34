package io.centralkitchen.processes.station;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stations sharing this platform. Registering a station creates its domain record and its Camunda tenant and
 * deploys the models for it; it is idempotent, so configuration can name stations that already exist.
 */
@Service
public class StationService {

    /** Lower-case letters, digits and '-': usable as tenant id, object-key prefix and URL part alike. */
    public static final Pattern STATION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Logger log = LoggerFactory.getLogger(StationService.class);

    private final JdbcTemplate jdbc;
    private final IdentityService identityService;
    private final StationDeployer deployer;
    private final ApplicationEventPublisher events;


    public StationService(JdbcTemplate jdbc, IdentityService identityService, StationDeployer deployer,
                          ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.identityService = identityService;
        this.deployer = deployer;
        this.events = events;
    }

    public Station register(String id, String name) {
        if (id == null || !STATION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Station id '" + id + "' is not valid: use 2 to 63 lower-case letters, digits"
                    + " and '-', starting with a letter or digit (e.g. 'hunan-tv')");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Station name must not be empty");
        }
        if (find(id).isEmpty()) {
            try {
                jdbc.update("insert into station (id, name, created_at) values (?, ?, ?)", id, name.strip(),
                        Timestamp.from(Instant.now()));
                log.info("Station '{}' ({}) registered", id, name);
            } catch (DuplicateKeyException raceWithAnotherNode) {
                log.debug("Station '{}' was registered concurrently", id);
            }
        }
        ensureTenant(id, name.strip());
        deployer.deploy(id);
        events.publishEvent(new StationRegistered(id));
        return find(id).orElseThrow();
    }

    public Optional<Station> find(String id) {
        return jdbc.query("select id, name, created_at from station where id = ?",
                (rs, i) -> new Station(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), id).stream().findFirst();
    }

    public List<Station> list() {
        return jdbc.query("select id, name, created_at from station order by id",
                (rs, i) -> new Station(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
    }

    private void ensureTenant(String id, String name) {
        if (identityService.createTenantQuery().tenantId(id).singleResult() != null) {
            return;
        }
        Tenant tenant = identityService.newTenant(id);
        tenant.setName(name);
        try {
            identityService.saveTenant(tenant);
        } catch (RuntimeException e) {
            if (identityService.createTenantQuery().tenantId(id).singleResult() == null) {
                throw e;
            }
        }
    }
}
