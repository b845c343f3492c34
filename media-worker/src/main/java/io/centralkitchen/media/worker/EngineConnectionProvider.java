package io.centralkitchen.media.worker;

/**
 * Supplies the engine connection when the worker starts (after the application is ready). The default reads
 * {@code kitchen.media.worker.engine-rest-url/user/password}; an application embedding the worker provides its own
 * bean, e.g. its own REST API on its local port with a technical user it manages.
 */
@FunctionalInterface
public interface EngineConnectionProvider {

    EngineConnection connection();
}
