package io.centralkitchen.routes.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.centralkitchen.routes.webhook.WebhookSignature;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Any other platform, or the station's own site: plain JSON to one URL, signed with the scheme of our own webhooks
 * ({@link WebhookSignature}: timestamp, the account's station and body) under the app secret. Every request: {@code POST <base-url>}, headers
 * {@code X-Kitchen-Timestamp}, {@code X-Kitchen-Signature: sha256=...}, {@code Idempotency-Key}; body:
 * <pre>
 * {"type":"post","station","idempotencyKey","text","mediaUrl"}
 * {"type":"clip","station","idempotencyKey","title","mediaUrl","sku","price","currency","productUrl"}
 * {"type":"commerce-cue","station","idempotencyKey","cue":"pin_product|...","liveRoomId","sku","price","couponCode"}
 * {"type":"case-resolution","station","idempotencyKey","caseRef","ticketId","orderId","resolution","refundAmount","message"}
 * {"type":"satisfaction-survey","station","idempotencyKey","caseRef","orderId","question"}
 * answer: 2xx {"reference":"..."}  (an empty 2xx body: the idempotency key is the reference)
 * </pre>
 */
public class GenericWebhookAdapter extends HttpPlatformAdapter {

    public GenericWebhookAdapter(PlatformAccount account, PlatformCaller caller) {
        super(account, caller);
    }

    @Override
    public PlatformKind kind() {
        return PlatformKind.WEBHOOK;
    }

    private static PlatformRequest message(String type, String station, String idempotencyKey, ObjectNode fields) {
        ObjectNode body = object().put("type", type).put("station", station).put("idempotencyKey", idempotencyKey);
        body.setAll(fields);
        return PlatformRequest.post("", json(body)).header("Idempotency-Key", idempotencyKey);
    }

    @Override
    protected PlatformRequest postRequest(Post post) {
        return message("post", post.station(), post.idempotencyKey(),
                object().put("text", post.text()).put("mediaUrl", post.mediaUrl()));
    }

    @Override
    protected PlatformRequest clipRequest(Clip clip) {
        ObjectNode fields = object().put("title", clip.title()).put("mediaUrl", clip.mediaUrl()).put("sku", clip.sku())
                .put("currency", clip.currency()).put("productUrl", clip.productUrl());
        putAmount(fields, "price", clip.price());
        return message("clip", clip.station(), clip.idempotencyKey(), fields);
    }

    @Override
    protected PlatformRequest cueRequest(CommerceCue cue) {
        ObjectNode fields = object().put("cue", lower(cue.type())).put("liveRoomId", cue.liveRoomId()).put("sku", cue.sku())
                .put("couponCode", cue.couponCode());
        putAmount(fields, "price", cue.price());
        if (cue.promotionRef() != null) {
            fields.put("promotionRef", cue.promotionRef());
        }
        return message("commerce-cue", cue.station(), cue.idempotencyKey(), fields);
    }

    @Override
    protected PlatformRequest resolutionRequest(CaseResolution resolution) {
        ObjectNode fields = object().put("caseRef", resolution.caseRef()).put("ticketId", resolution.ticketId())
                .put("orderId", resolution.orderId()).put("resolution", lower(resolution.type()))
                .put("message", resolution.message());
        putAmount(fields, "refundAmount", resolution.refundAmount());
        return message("case-resolution", resolution.station(), resolution.idempotencyKey(), fields);
    }

    @Override
    protected PlatformRequest surveyRequest(SatisfactionSurvey survey) {
        return message("satisfaction-survey", survey.station(), survey.idempotencyKey(), object()
                .put("caseRef", survey.caseRef()).put("orderId", survey.orderId()).put("question", survey.question()));
    }

    @Override
    protected PlatformRequest authenticate(PlatformRequest request) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return request.header(WebhookSignature.TIMESTAMP_HEADER, timestamp).header(WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(account.appSecret(), timestamp, account.stationId(), request.jsonBody().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    protected String referenceFrom(JsonNode answer, String operation) {
        String reference = answer.path("reference").asText("");
        return reference.isBlank() ? null : reference;
    }

    @Override
    protected String send(String operation, PlatformRequest request) {
        String reference = super.send(operation, request);
        return reference != null ? reference : request.headers().get("Idempotency-Key");
    }
}
