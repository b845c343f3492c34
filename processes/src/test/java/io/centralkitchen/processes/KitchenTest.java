package io.centralkitchen.processes;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on its embedded defaults (H2 file database, embedded S3), on a random port. Every test class
 * carrying this annotation shares one application context, so the suite starts the platform once: prefer it to a
 * {@code @SpringBootTest} of your own, and keep tests independent of each other's data (unique business keys).
 * <p>
 * Tests that need an application of their own (other configuration, restarts) are tagged {@code own-application} and
 * run in JVMs of their own: the engine's static registries hold one "default" engine per JVM.
 * <p>
 * Users: {@code admin} / {@link #ADMIN_PASSWORD}. Stations: {@code station-1} and {@code radio-two}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kitchen.data-dir=target/test-data/shared",
        "kitchen.admin.password=" + KitchenTest.ADMIN_PASSWORD,
        "kitchen.additional-stations[0].id=radio-two",
        "kitchen.additional-stations[0].name=Radio Two",
        // live: the RTMP ingest on a free port; a push URL nobody answers (its key must never show unmasked)
        "kitchen.live.ingest.port=0",
        // the media worker serves the processes with media work; the tests' own probe model is one
        "kitchen.media-worker-account.extra-processes=media-probe-check",
        // product videos: a short duration limit, so that the test of a video over it need not make a long one
        "kitchen.preselection.video.max-duration=PT20S",
        "kitchen.live.secrets.test-push=" + KitchenTest.TEST_PUSH_URL})
public @interface KitchenTest {

    String ADMIN_PASSWORD = "kitchen-admin-test";
    String TEST_PUSH_URL = "rtmp://127.0.0.1:9/live/kitchen-test-push-key-a1b2";
}
