package io.centralkitchen.media.worker;

import io.centralkitchen.media.ops.MediaOperations;
import io.centralkitchen.storage.MediaStore;
import io.centralkitchen.storage.StorageAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The media operations ({@link MediaOperations}, usable by any module as a plain Java API) and, unless
 * {@code kitchen.media.worker.enabled=false}, the external-task worker. The worker starts once the application is
 * ready — so an application serving the engine's REST API itself is already listening — with the connection of an
 * {@link EngineConnectionProvider} bean, or else {@code kitchen.media.worker.engine-rest-url/user/password}.
 */
@AutoConfiguration(after = StorageAutoConfiguration.class)
@EnableConfigurationProperties({MediaProperties.class, MediaWorkerProperties.class})
public class MediaWorkerAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaWorkerAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public MediaOperations mediaOperations(MediaProperties properties) {
        return new MediaOperations(properties.resolvedProfiles(), properties.getTeaser().getFont(), properties.edgeEncoding(),
                properties.mediaLimits());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "kitchen.media.worker.enabled", matchIfMissing = true)
    static class WorkerConfiguration {

        @Bean(destroyMethod = "stop")
        @ConditionalOnMissingBean
        MediaWorker mediaWorker(MediaWorkerProperties properties, MediaStore store, MediaOperations ops) {
            return new MediaWorker(properties.toSettings(), store, handlers(ops));
        }

        @Bean
        ApplicationListener<ApplicationReadyEvent> mediaWorkerStarter(MediaWorker worker, MediaWorkerProperties properties,
                                                                      ObjectProvider<EngineConnectionProvider> provider) {
            return event -> {
                EngineConnection connection = provider.getIfAvailable(() -> () -> new EngineConnection(
                        properties.getEngineRestUrl(), properties.getUser(), properties.getPassword())).connection();
                if (connection == null || !connection.isConfigured()) {
                    log.info("Media worker not started: set kitchen.media.worker.engine-rest-url (KITCHEN_MEDIA_WORKER_ENGINE_REST_URL)");
                    return;
                }
                worker.start(connection);
            };
        }

        /** Stop polling before the web server goes down (an in-process engine would refuse the next fetch). */
        @Bean
        ApplicationListener<ContextClosedEvent> mediaWorkerStopper(MediaWorker worker) {
            return event -> worker.stop();
        }
    }

    /** One handler per topic. */
    public static List<MediaTaskHandler> handlers(MediaOperations ops) {
        return List.of(new ProbeTaskHandler(ops), new TranscodeTaskHandler(ops), new ClipTaskHandler(ops, false),
                new ClipTaskHandler(ops, true), new CoverTaskHandler(ops), new TeaserTaskHandler(ops),
                new RecordingClipTaskHandler());
    }
}
