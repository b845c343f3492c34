package io.centralkitchen.routes.platform;

/** One attempt failed in a way worth retrying (429, 5xx, 408): raised inside the route, redelivered there. */
class TransientPlatformFailure extends RuntimeException {

    private final PlatformResponse response;

    TransientPlatformFailure(PlatformResponse response) {
        super("HTTP " + response.status() + ": " + response.excerpt());
        this.response = response;
    }

    PlatformResponse response() {
        return response;
    }
}
