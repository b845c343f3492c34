package io.centralkitchen.processes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for tests: talks to the running application exactly as a browser or curl would. */
public final class TestHttp {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private String basicAuth;

    public TestHttp(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends HTTP Basic credentials with every following request. */
    public TestHttp as(String user, String password) {
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public TestHttp anonymous() {
        this.basicAuth = null;
        return this;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response postJson(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response putJson(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response postForm(String path, Map<String, String> form, Map<String, String> headers) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    /** Logs in to the Camunda webapps the way the Tasklist login page does; later requests carry the session. */
    public void loginToTasklist(String user, String password) {
        Response page = get("/camunda/app/tasklist/default/");
        if (page.status() != 200) {
            throw new IllegalStateException("Tasklist page answered " + page.status());
        }
        String xsrf = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst()
                .map(java.net.HttpCookie::getValue).orElseThrow(() -> new IllegalStateException("no XSRF-TOKEN cookie"));
        this.xsrfToken = xsrf;
        Response login = postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                Map.of("username", user, "password", password), Map.of("X-XSRF-TOKEN", xsrf));
        if (login.status() != 200) {
            throw new IllegalStateException("Tasklist login of " + user + " answered " + login.status() + ": " + login.body());
        }
        // The login starts a new session, which gets its own token with its first request; later POSTs send that one.
        get("/camunda/api/admin/auth/user/default");
        this.xsrfToken = xsrfCookie();
    }

    private String xsrfCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).reduce((first, second) -> second)
                .map(java.net.HttpCookie::getValue).orElse(xsrfToken);
    }

    private String xsrfToken;

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, text/html;q=0.9, */*;q=0.8");
        if (basicAuth != null) {
            builder.header("Authorization", basicAuth);
        }
        if (xsrfToken != null) {
            builder.header("X-XSRF-TOKEN", xsrfToken);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
            }
        }
    }
}
