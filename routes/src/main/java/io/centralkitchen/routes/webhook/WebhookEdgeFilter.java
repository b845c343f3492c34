package io.centralkitchen.routes.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The edge of {@code /webhooks/*}. It runs before anything else reads the request — security, Spring's multipart and
 * form parsing, JSON — and lets through only what the webhook routes take: a POST (else 405) of JSON (else 415:
 * multipart, forms, anything else) whose body is within {@code kitchen.webhooks.max-body-size} (else 413, whether the
 * size is declared or counted: reading stops at the limit plus one byte, chunked or not). What passes carries its body
 * already read, never more than the limit, so nothing downstream reads from the connection again.
 * <p>
 * A refusal is one log line and a small JSON answer with {@code Connection: close}. Nothing here reads the rest of the
 * body; the servlet container may discard up to its swallow limit ({@code server.tomcat.max-swallow-size}, 2 MB) of
 * it before closing, so that a client still sending can read the answer.
 */
public class WebhookEdgeFilter extends OncePerRequestFilter {

    /** Before Spring Security (-100) and every other filter that might read parameters or parts. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    public static final String PATH = "/webhooks/*";
    private static final Logger log = LoggerFactory.getLogger(WebhookEdgeFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookProperties properties;

    public WebhookEdgeFilter(WebhookProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            refuse(request, response, 405, "Webhooks are delivered with POST");
            return;
        }
        if (!isJson(request.getContentType())) {
            refuse(request, response, 415, "Webhooks are JSON in UTF-8: send Content-Type: application/json (got "
                    + excerpt(request.getContentType()) + ")");
            return;
        }
        long limit = properties.getMaxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, 413, tooLarge(limit));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException brokenOff) {
            log.info("Webhook {} not received: the body broke off ({})", request.getRequestURI(), brokenOff.toString());
            return;
        }
        if (body.length > limit) {
            refuse(request, response, 413, tooLarge(limit));
            return;
        }
        chain.doFilter(new ReplayedRequest(request, body), response);
    }

    /** {@code application/json} or {@code application/<something>+json}, in UTF-8 (JSON's only encoding, RFC 8259). */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        if (!type.getType().equalsIgnoreCase("application") || !(subtype.equals("json") || subtype.endsWith("+json"))) {
            return false;
        }
        String charset = type.getParameter("charset");
        return charset == null || charset.replace("\"", "").equalsIgnoreCase("utf-8");
    }

    private static String tooLarge(long limit) {
        return "The body is larger than the limit of " + limit + " bytes";
    }

    private static String excerpt(String value) {
        if (value == null) {
            return "none";
        }
        return value.length() <= 80 ? "'" + value + "'" : "'" + value.substring(0, 80) + "…'";
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        log.info("Webhook {} refused ({}): {}", request.getRequestURI(), status, WebhookRefusedException.oneLine(message));
        WebhookAnswer answer = WebhookAnswer.refused(status, null, message);
        response.setStatus(status);
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] json = JSON.writeValueAsBytes(answer.body());
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        response.flushBuffer();
    }
}
