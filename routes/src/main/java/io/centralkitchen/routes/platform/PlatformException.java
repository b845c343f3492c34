package io.centralkitchen.routes.platform;

/** A platform call that did not succeed; the message names the platform and carries its answer. */
public abstract class PlatformException extends RuntimeException {

    private final String platformId;

    protected PlatformException(String platformId, String message, Throwable cause) {
        super(message, cause);
        this.platformId = platformId;
    }

    public String platformId() {
        return platformId;
    }
}
