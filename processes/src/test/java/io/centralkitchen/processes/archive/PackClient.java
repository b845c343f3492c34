package io.centralkitchen.processes.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Downloads evidence packs (binary, so not through TestHttp) and asks for the platform's own check. */
public final class PackClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String password;
    private int downloads;

    public PackClient(int port, String password) {
        this.port = port;
        this.password = password;
    }

    public Path download(String user, String station, String showId) throws IOException {
        HttpResponse<byte[]> answer = send(user, "/api/stations/" + station + "/archive/shows/" + showId + "/pack");
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        Path file = Path.of("target/test-data/packs/" + showId + "-" + (++downloads) + ".zip");
        Files.createDirectories(file.getParent());
        Files.write(file, answer.body());
        return file;
    }

    public JsonNode check(String user, String station) throws IOException {
        HttpResponse<byte[]> answer = send(user, "/api/stations/" + station + "/archive/check");
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    public int status(String user, String path) {
        return send(user, path).statusCode();
    }

    public static JsonNode manifest(Path pack) throws IOException {
        try (ZipFile zip = new ZipFile(pack.toFile()); InputStream in = zip.getInputStream(zip.getEntry("manifest.json"))) {
            return JSON.readTree(in);
        }
    }

    private HttpResponse<byte[]> send(String user, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                            .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
