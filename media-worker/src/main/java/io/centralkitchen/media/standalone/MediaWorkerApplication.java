package io.centralkitchen.media.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The media worker on its own ({@code java -jar media-worker/target/media-worker.jar}): it takes media jobs from the
 * engine's REST API and works on objects in the configured S3 store. Scale out by starting more of them.
 */
@SpringBootApplication
public class MediaWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(MediaWorkerApplication.class, args);
    }
}
