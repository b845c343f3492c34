package io.centralkitchen.media.live;

import io.centralkitchen.storage.MediaStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.nio.file.Path;

/**
 * The live engine as a bean, configured by {@code kitchen.live.*}. The RTMP ingest starts listening with the first
 * show that takes a published feed. Listeners (persistence, metrics) registered as beans are told what happens.
 */
@AutoConfiguration(afterName = "io.centralkitchen.storage.StorageAutoConfiguration")
@EnableConfigurationProperties({LiveProperties.class, LiveCapacityProperties.class})
@ConditionalOnProperty(prefix = "kitchen.live", name = "enabled", matchIfMissing = true)
public class LiveAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public LiveEngine liveEngine(LiveProperties properties, LiveCapacityProperties capacity, ObjectProvider<MediaStore> store,
                                 ObjectProvider<LiveListener> listeners, ObjectProvider<MeterRegistry> registry,
                                 Environment env) {
        Path dataDir = Path.of(env.getProperty("kitchen.data-dir", "./data"));
        LiveProperties.Ingest ingest = properties.getIngest();
        LiveEngine engine = new LiveEngine(properties.settings(dataDir), properties.platformPresets(),
                new LiveSecrets(properties.getSecrets()), store.getIfAvailable(), dataDir.resolve("live"),
                ingest.getBind(), ingest.getPort(), ingest.getApp(), ingest.getHost(), ingest.limits());
        engine.capacity(capacity.capacity());
        listeners.orderedStream().forEach(engine::addListener);
        registry.ifAvailable(r -> {
            engine.addListener(new LiveMetrics(r));
            LiveMetrics.capacity(r, engine);
        });
        return engine;
    }
}
