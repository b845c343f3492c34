package io.centralkitchen.processes.archive;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The archive's signing key and its {@code /actuator/health} component "archive". */
@Configuration(proxyBeanMethods = false)
class ArchiveConfiguration {

    @Bean
    ArchiveSigner archiveSigner(ArchiveProperties properties, Environment env) {
        boolean embedded = env.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:");
        Path dataDir = Path.of(env.getProperty("kitchen.resolved-data-dir", env.getProperty("kitchen.data-dir", "./data")));
        return ArchiveSigner.load(properties.getSigningKey(), embedded, dataDir);
    }

    /**
     * UP with the retention in force and who enforces it (the store's S3 Object Lock, or the platform's delete guard
     * alone), the signing key's id, and per station the latest integrity check: intact, or its problems.
     */
    @Bean
    HealthIndicator archiveHealthIndicator(ArchiveRetention retention, ArchiveIntegrity integrity, ArchiveSigner signer) {
        return () -> {
            Map<String, Object> details = new LinkedHashMap<>(retention.details());
            details.put("signingKeyId", signer.keyId());
            Map<String, Object> checks = new LinkedHashMap<>();
            integrity.latestReports().forEach((station, report) -> checks.put(station, report.intact()
                    ? "intact (" + report.entries() + " entries, checked " + report.checkedAt() + ")"
                    : report.problems().size() + " problem(s), checked " + report.checkedAt() + ": " + report.problems()));
            details.put("integrity", checks);
            return Health.up().withDetails(details).build();
        };
    }
}
