package io.centralkitchen.storage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.nio.file.Path;

/**
 * Wires a {@link MediaStore}: to the configured endpoint, or to an embedded S3 server started with the application
 * when none is configured. Objects of the embedded server live under {@code kitchen.data-dir}/objects.
 */
@AutoConfiguration
@EnableConfigurationProperties(StorageProperties.class)
public class StorageAutoConfiguration {

    static Path dataDir(Environment env) {
        return Path.of(env.getProperty("kitchen.data-dir", "./data"));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnExpression("'${kitchen.storage.endpoint:}'.isBlank()")
    public EmbeddedS3Server embeddedS3Server(StorageProperties properties, Environment env) {
        return EmbeddedS3Server.start(dataDir(env).resolve("objects"), properties.getEmbedded().getPort());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MediaStore mediaStore(StorageProperties p, ObjectProvider<EmbeddedS3Server> embedded, Environment env) {
        Path spool = dataDir(env).resolve("tmp");
        EmbeddedS3Server server = embedded.getIfAvailable();
        String endpoint = server != null ? server.endpoint() : p.getEndpoint();
        String accessKey = server != null ? server.accessKey() : p.getAccessKey();
        String secretKey = server != null ? server.secretKey() : p.getSecretKey();
        return MediaStore.connect(new StorageSettings(endpoint, p.getPublicEndpoint(), p.getRegion(), accessKey, secretKey,
                p.getBucket(), p.getPartSize(), spool, p.getConnectTimeout(), p.getReadTimeout()));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class StorageHealthConfiguration {

        /** {@code /actuator/health} component "objectStore": DOWN when the store does not answer. */
        @Bean
        @ConditionalOnMissingBean(name = "objectStoreHealthIndicator")
        HealthIndicator objectStoreHealthIndicator(MediaStore store) {
            return () -> store.ping()
                    ? Health.up().withDetail("endpoint", store.endpoint()).withDetail("bucket", store.bucket()).build()
                    : Health.down().withDetail("endpoint", store.endpoint())
                            .withDetail("error", "the object store does not answer").build();
        }
    }
}
