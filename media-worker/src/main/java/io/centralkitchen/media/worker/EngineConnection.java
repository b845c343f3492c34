package io.centralkitchen.media.worker;

import io.centralkitchen.storage.Secrets;

/** Where the worker reaches the engine's REST API, and as whom (HTTP Basic). The password is never printed. */
public record EngineConnection(String restUrl, String user, String password) {

    public boolean isConfigured() {
        return restUrl != null && !restUrl.isBlank();
    }

    @Override
    public String toString() {
        return "EngineConnection[restUrl=" + restUrl + ", user=" + user + ", password=" + Secrets.mask(password) + "]";
    }
}
