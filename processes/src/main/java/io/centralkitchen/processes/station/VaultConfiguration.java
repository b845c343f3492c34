package io.centralkitchen.processes.station;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.nio.file.Path;

/** The vault's master key: {@code kitchen.secrets.master-key} ({@code KITCHEN_SECRETS_MASTER_KEY}). */
@Configuration(proxyBeanMethods = false)
public class VaultConfiguration {

    @Bean
    MasterKey vaultMasterKey(Environment env) {
        boolean embedded = env.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:");
        Path dataDir = Path.of(env.getProperty("kitchen.resolved-data-dir", env.getProperty("kitchen.data-dir", "./data")));
        return MasterKey.load(env.getProperty("kitchen.secrets.master-key"), embedded, dataDir);
    }
}
