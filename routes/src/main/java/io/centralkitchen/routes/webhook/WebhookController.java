package io.centralkitchen.routes.webhook;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /webhooks/{platform}/{station}}: hands the raw bytes to the webhook routes. The {@link WebhookEdgeFilter}
 * in front has already refused what is not JSON or too large, and read the body (it is bounded here once more); the
 * HMAC is the authentication, so this path is outside {@code /api/*} and its user login.
 */
@RestController
public class WebhookController {

    private static final Pattern STATION = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern PLATFORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final ProducerTemplate producer;
    private final WebhookProperties properties;

    public WebhookController(ProducerTemplate producer, WebhookProperties properties) {
        this.producer = producer;
        this.properties = properties;
    }

    @PostMapping(path = "/webhooks/{platform}/{station}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> receive(@PathVariable String platform, @PathVariable String station,
                                                       HttpServletRequest request) throws IOException {
        if (!PLATFORM.matcher(platform).matches() || !STATION.matcher(station).matches()) {
            return answer(WebhookAnswer.refused(404, null, "No webhook endpoint /webhooks/" + platform + "/" + station));
        }
        long limit = properties.getMaxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            return answer(tooLarge(limit));
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (body.length > limit) {
            return answer(tooLarge(limit));
        }
        WebhookDelivery delivery = new WebhookDelivery(platform, station, request.getHeader(WebhookSignature.TIMESTAMP_HEADER),
                request.getHeader(WebhookSignature.SIGNATURE_HEADER), body);
        Exchange result = producer.send(WebhookRoutes.ENTRY, exchange -> exchange.getMessage().setBody(delivery));
        WebhookAnswer answer = result.getMessage().getBody(WebhookAnswer.class);
        if (answer == null) {
            answer = WebhookAnswer.refused(503, null, "The event could not be accepted; deliver it again later");
        }
        return answer(answer);
    }

    private static WebhookAnswer tooLarge(long limit) {
        return WebhookAnswer.refused(413, null, "The body is larger than the limit of " + limit + " bytes");
    }

    private static ResponseEntity<Map<String, Object>> answer(WebhookAnswer answer) {
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }
}
