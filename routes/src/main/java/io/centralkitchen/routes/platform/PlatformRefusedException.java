package io.centralkitchen.routes.platform;

/** The platform answered and refused the request (4xx, or an error code in its answer): retrying will not help. */
public class PlatformRefusedException extends PlatformException {

    public PlatformRefusedException(String platformId, String message) {
        super(platformId, message, null);
    }
}
