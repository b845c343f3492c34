package io.centralkitchen.media.standalone;

import io.centralkitchen.media.worker.MediaWorker;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The media worker on its own ({@code java -jar media-worker/target/media-worker.jar}): it takes media jobs from the
 * engine's REST API and works on objects in the configured S3 store. Scale out by starting more of them.
 * <p>
 * Needs {@code KITCHEN_MEDIA_WORKER_ENGINE_REST_URL}, {@code KITCHEN_MEDIA_WORKER_USER},
 * {@code KITCHEN_MEDIA_WORKER_PASSWORD}, {@code KITCHEN_STORAGE_ENDPOINT}, {@code KITCHEN_STORAGE_ACCESS_KEY},
 * {@code KITCHEN_STORAGE_SECRET_KEY} (and {@code KITCHEN_STORAGE_BUCKET} when not the default).
 */
@SpringBootApplication
public class MediaWorkerApplication {

    public static void main(String[] args) throws InterruptedException {
        SpringApplication application = new SpringApplication(MediaWorkerApplication.class);
        application.setDefaultProperties(Map.of(
                "spring.application.name", "media-worker",
                "spring.main.web-application-type", "none"));
        application.addInitializers(context -> {
            String endpoint = context.getEnvironment().getProperty("kitchen.storage.endpoint", "");
            String engine = context.getEnvironment().getProperty("kitchen.media.worker.engine-rest-url", "");
            if (endpoint.isBlank() || engine.isBlank()) {
                throw new IllegalStateException("The media worker needs the engine and the object store of the platform"
                        + " it works for: set KITCHEN_MEDIA_WORKER_ENGINE_REST_URL (e.g. http://kitchen:8080/engine-rest),"
                        + " KITCHEN_MEDIA_WORKER_USER, KITCHEN_MEDIA_WORKER_PASSWORD, KITCHEN_STORAGE_ENDPOINT,"
                        + " KITCHEN_STORAGE_ACCESS_KEY and KITCHEN_STORAGE_SECRET_KEY.");
            }
        });
        ConfigurableApplicationContext context = application.run(args);
        // The task clients poll on their own threads; keep running until the context is closed (SIGTERM, Ctrl-C).
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (!context.getBean(MediaWorker.class).isRunning()) {
            context.close();
            System.exit(3);
        }
        closed.await();
    }
}
