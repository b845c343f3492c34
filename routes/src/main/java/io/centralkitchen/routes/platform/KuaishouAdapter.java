package io.centralkitchen.routes.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kuaishou (快手) open platform, as this adapter speaks it: one gateway, the API method in the path. Every request:
 * {@code POST /openapi/<method>}, headers {@code appkey: <app-key>} and {@code access-token: <access-token>}, JSON
 * body {@code {"param":{...},"idempotency_key"}}.
 * <pre>
 * content.post.create        param {"text","media_url"}
 * content.clip.create        param {"title","video_url","item":{"sku","price","currency","url"}}
 * live.cue.send              param {"live_stream_id","cue":"pin_product|start_flash_sale|stop_flash_sale|coupon|red_envelope|lottery|reservation","sku","price","coupon_code"}
 * aftersale.resolve          param {"refund_id","order_id","resolution","refund_amount","message"}
 * aftersale.survey.send      param {"order_id","case_ref","question"}
 * answer: 200 {"result":1,"error_msg":"","data":{"id":"..."}}   (result != 1: refused, error_msg says why)
 * </pre>
 */
public class KuaishouAdapter extends HttpPlatformAdapter {

    public KuaishouAdapter(PlatformAccount account, PlatformCaller caller) {
        super(account, caller);
    }

    @Override
    public PlatformKind kind() {
        return PlatformKind.KUAISHOU;
    }

    private PlatformRequest gateway(String method, String idempotencyKey, ObjectNode param) {
        ObjectNode body = object();
        body.set("param", param);
        body.put("idempotency_key", idempotencyKey);
        return PlatformRequest.post("/openapi/" + method, json(body));
    }

    @Override
    protected PlatformRequest postRequest(Post post) {
        return gateway("content.post.create", post.idempotencyKey(),
                object().put("text", post.text()).put("media_url", post.mediaUrl()));
    }

    @Override
    protected PlatformRequest clipRequest(Clip clip) {
        ObjectNode param = object().put("title", clip.title()).put("video_url", clip.mediaUrl());
        ObjectNode item = param.putObject("item").put("sku", clip.sku()).put("currency", clip.currency()).put("url", clip.productUrl());
        putAmount(item, "price", clip.price());
        return gateway("content.clip.create", clip.idempotencyKey(), param);
    }

    @Override
    protected PlatformRequest cueRequest(CommerceCue cue) {
        ObjectNode param = object().put("live_stream_id", cue.liveRoomId()).put("cue", lower(cue.type()))
                .put("sku", cue.sku()).put("coupon_code", cue.couponCode());
        putAmount(param, "price", cue.price());
        if (cue.promotionRef() != null) {
            param.put("promotion_ref", cue.promotionRef());
        }
        return gateway("live.cue.send", cue.idempotencyKey(), param);
    }

    @Override
    protected PlatformRequest resolutionRequest(CaseResolution resolution) {
        ObjectNode param = object().put("refund_id", resolution.ticketId()).put("order_id", resolution.orderId())
                .put("resolution", lower(resolution.type())).put("message", resolution.message());
        putAmount(param, "refund_amount", resolution.refundAmount());
        return gateway("aftersale.resolve", resolution.idempotencyKey(), param);
    }

    @Override
    protected PlatformRequest surveyRequest(SatisfactionSurvey survey) {
        return gateway("aftersale.survey.send", survey.idempotencyKey(), object().put("order_id", survey.orderId())
                .put("case_ref", survey.caseRef()).put("question", survey.question()));
    }

    @Override
    protected PlatformRequest authenticate(PlatformRequest request) {
        return request.header("appkey", account.appKey()).header("access-token", account.accessToken());
    }

    @Override
    protected String referenceFrom(JsonNode answer, String operation) {
        if (answer.path("result").asInt(0) != 1) {
            throw refused(operation, "result " + answer.path("result").asText("?") + ": " + answer.path("error_msg").asText(""));
        }
        return requiredText(answer, "data.id", operation);
    }
}
