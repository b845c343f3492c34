package io.centralkitchen.routes.platform;

/**
 * The platform did not answer usefully after the configured retries (5xx, 429, timeouts, connection errors), or its
 * circuit breaker is open. Worth trying again later.
 */
public class PlatformUnavailableException extends PlatformException {

    public PlatformUnavailableException(String platformId, String message, Throwable cause) {
        super(platformId, message, cause);
    }
}
