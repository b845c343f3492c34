package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.CreditCode;
import io.centralkitchen.processes.TestHttp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The submission API as a supplier's system (or curl) uses it: multipart uploads with HTTP Basic credentials. */
public final class PreselectionClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int port;
    private final String user;
    private final String password;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PreselectionClient(int port, String user, String password) {
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public record Part(String name, String fileName, String contentType, byte[] content) {
        public static Part json(String name, String json) {
            return new Part(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        public static Part file(String name, String fileName, String contentType, byte[] content) {
            return new Part(name, fileName, contentType, content);
        }
    }

    public TestHttp.Response submit(Part... parts) {
        return post("/api/preselection/submissions", List.of(parts));
    }

    TestHttp.Response addEvidence(long submissionId, Part... parts) {
        return post("/api/preselection/submissions/" + submissionId + "/evidence", List.of(parts));
    }

    TestHttp http() {
        return new TestHttp(port).as(user, password);
    }

    public TestHttp.Response post(String path, List<Part> parts) {
        String boundary = "----kitchen" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Part part : parts) {
                StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                        .append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
                if (part.fileName() != null) {
                    head.append("; filename=\"").append(part.fileName()).append('"');
                }
                head.append("\r\nContent-Type: ").append(part.contentType()).append("\r\n\r\n");
                body.write(head.toString().getBytes(StandardCharsets.UTF_8));
                body.write(part.content());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new TestHttp.Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- test documents (made here, never stored in git)

    /** A small but real PDF: the header a PDF reader checks, unique content so every file has its own checksum. */
    public static byte[] pdf(String label) {
        return ("%PDF-1.4\n% Central Kitchen test evidence: " + label + " " + UUID.randomUUID() + "\n"
                + "1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] png() {
        byte[] bytes = new byte[64];
        RANDOM.nextBytes(bytes);
        byte[] magic = {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    public static String evidenceJson(String type, String number, String validUntil, String file) {
        return "{\"type\":\"" + type + "\",\"number\":\"" + number + "\",\"issuer\":\"Hengyang Market Supervision Bureau\","
                + "\"validFrom\":\"2024-01-01\",\"validUntil\":" + (validUntil == null ? "null" : "\"" + validUntil + "\"")
                + ",\"file\":\"" + file + "\"}";
    }

    public static String array(String... items) {
        return "[" + String.join(",", items) + "]";
    }

    /** A unified social credit code with a correct check character, unique enough for a test. */
    public static String creditCode() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder code = new StringBuilder("91430400");
        for (int i = 0; i < 9; i++) {
            code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return code.toString() + CreditCode.checkCharacter(code.toString());
    }

    static List<String> ids(int n, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        return out;
    }
}
