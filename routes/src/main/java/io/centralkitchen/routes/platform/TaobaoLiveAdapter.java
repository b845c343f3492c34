package io.centralkitchen.routes.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Taobao Live (淘宝直播) through the Taobao Open Platform (TOP) router, as this adapter speaks it. Every request:
 * {@code POST /router/rest} with the system parameters in the query — {@code method}, {@code app_key},
 * {@code session} (the access token), {@code timestamp} (epoch millis), {@code v=2.0}, {@code format=json},
 * {@code sign_method=hmac-sha256}, {@code sign} — and the business parameters as JSON body. {@code sign} is the upper-case
 * hex HMAC-SHA256 under the app secret of all query parameters sorted by name and concatenated as
 * {@code name1value1name2value2...}, followed by the body; the app secret itself is never sent.
 * <pre>
 * taobao.live.content.post.publish   {"text","media_url","idempotency_key"}
 * taobao.live.clip.publish           {"title","video_url","item":{"outer_id","price","currency","url"},"idempotency_key"}
 * taobao.live.cue.send               {"live_id","cue":"pin_product|...","outer_id","price","coupon_code","idempotency_key"}
 * taobao.aftersale.resolve           {"dispute_id","order_id","resolution","refund_fee","message","idempotency_key"}
 * taobao.aftersale.survey.send       {"order_id","case_ref","question","idempotency_key"}
 * answer: 200 {"&lt;method with _ for .&gt;_response":{"result":{"id":"..."}}}
 *         or  {"error_response":{"code":15,"msg":"Remote service error","sub_code":"isv.invalid-parameter","sub_msg":"..."}}
 * </pre>
 */
public class TaobaoLiveAdapter extends HttpPlatformAdapter {

    public static final String PATH = "/router/rest";

    public TaobaoLiveAdapter(PlatformAccount account, PlatformCaller caller) {
        super(account, caller);
    }

    @Override
    public PlatformKind kind() {
        return PlatformKind.TAOBAO_LIVE;
    }

    private static PlatformRequest method(String method, ObjectNode body) {
        return PlatformRequest.post(PATH, json(body)).query("method", method);
    }

    @Override
    protected PlatformRequest postRequest(Post post) {
        return method("taobao.live.content.post.publish", object().put("text", post.text())
                .put("media_url", post.mediaUrl()).put("idempotency_key", post.idempotencyKey()));
    }

    @Override
    protected PlatformRequest clipRequest(Clip clip) {
        ObjectNode body = object().put("title", clip.title()).put("video_url", clip.mediaUrl())
                .put("idempotency_key", clip.idempotencyKey());
        ObjectNode item = body.putObject("item").put("outer_id", clip.sku()).put("currency", clip.currency()).put("url", clip.productUrl());
        putAmount(item, "price", clip.price());
        return method("taobao.live.clip.publish", body);
    }

    @Override
    protected PlatformRequest cueRequest(CommerceCue cue) {
        ObjectNode body = object().put("live_id", cue.liveRoomId()).put("cue", lower(cue.type()))
                .put("outer_id", cue.sku()).put("coupon_code", cue.couponCode()).put("idempotency_key", cue.idempotencyKey());
        putAmount(body, "price", cue.price());
        if (cue.promotionRef() != null) {
            body.put("promotion_ref", cue.promotionRef());
        }
        return method("taobao.live.cue.send", body);
    }

    @Override
    protected PlatformRequest resolutionRequest(CaseResolution resolution) {
        ObjectNode body = object().put("dispute_id", resolution.ticketId()).put("order_id", resolution.orderId())
                .put("resolution", lower(resolution.type())).put("message", resolution.message())
                .put("idempotency_key", resolution.idempotencyKey());
        putAmount(body, "refund_fee", resolution.refundAmount());
        return method("taobao.aftersale.resolve", body);
    }

    @Override
    protected PlatformRequest surveyRequest(SatisfactionSurvey survey) {
        return method("taobao.aftersale.survey.send", object().put("order_id", survey.orderId())
                .put("case_ref", survey.caseRef()).put("question", survey.question())
                .put("idempotency_key", survey.idempotencyKey()));
    }

    @Override
    protected PlatformRequest authenticate(PlatformRequest request) {
        request.query("app_key", account.appKey()).query("session", account.accessToken())
                .query("timestamp", Long.toString(Instant.now().toEpochMilli())).query("v", "2.0")
                .query("format", "json").query("sign_method", "hmac-sha256");
        return request.query("sign", sign(account.appSecret(), request.query(), request.jsonBody()));
    }

    /** TOP signature over the sorted parameters and the body (see the class comment). */
    public static String sign(String appSecret, Map<String, String> query, String body) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(query).forEach((name, value) -> {
            if (!name.equals("sign")) {
                text.append(name).append(value);
            }
        });
        text.append(body == null ? "" : body);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    protected String referenceFrom(JsonNode answer, String operation) {
        JsonNode error = answer.path("error_response");
        if (!error.isMissingNode()) {
            throw refused(operation, error.path("code").asText("?") + " " + error.path("msg").asText("")
                    + (error.has("sub_code") ? " (" + error.path("sub_code").asText() + ": " + error.path("sub_msg").asText("") + ")" : ""));
        }
        var fields = answer.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getKey().endsWith("_response")) {
                return requiredText(field.getValue(), "result.id", operation);
            }
        }
        throw refused(operation, "answer has no *_response: " + PlatformResponse.excerpt(answer.toString()));
    }
}
