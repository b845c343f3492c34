package io.centralkitchen.routes.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request to a platform's API, relative to its base URL. Headers and query may carry credentials: this type
 * is never logged and its {@link #toString()} shows neither.
 */
public final class PlatformRequest {

    private final String method;
    private final String path;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final String jsonBody;

    public PlatformRequest(String method, String path, String jsonBody) {
        this.method = method;
        this.path = path;
        this.jsonBody = jsonBody;
    }

    public static PlatformRequest post(String path, String jsonBody) {
        return new PlatformRequest("POST", path, jsonBody);
    }

    public PlatformRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public PlatformRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Map<String, String> query() {
        return query;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String jsonBody() {
        return jsonBody;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
