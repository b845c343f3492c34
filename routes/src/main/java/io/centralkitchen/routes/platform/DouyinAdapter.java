package io.centralkitchen.routes.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Douyin (抖音) open platform, as this adapter speaks it. Every request: {@code POST}, JSON body, header
 * {@code access-token: <access-token>}; every body carries {@code idempotency_key}.
 * <pre>
 * /api/v1/posts                 {"text","media_url"}
 * /api/v1/clips                 {"title","video_url","product":{"sku","price","currency","url"}}
 * /api/v1/live/cues             {"room_id","action":"pin_product|start_flash_sale|stop_flash_sale|coupon|red_envelope|lottery|reservation","sku","price","coupon_code"}
 * /api/v1/aftersale/resolutions {"ticket_id","order_id","resolution":"refund|replace|explain","refund_amount","message"}
 * /api/v1/aftersale/surveys     {"order_id","case_ref","question"}
 * answer: 200 {"err_no":0,"err_msg":"success","data":{"id":"..."}}   (err_no != 0: refused, err_msg says why)
 * </pre>
 */
public class DouyinAdapter extends HttpPlatformAdapter {

    public DouyinAdapter(PlatformAccount account, PlatformCaller caller) {
        super(account, caller);
    }

    @Override
    public PlatformKind kind() {
        return PlatformKind.DOUYIN;
    }

    @Override
    protected PlatformRequest postRequest(Post post) {
        ObjectNode body = object().put("text", post.text()).put("media_url", post.mediaUrl())
                .put("idempotency_key", post.idempotencyKey());
        return PlatformRequest.post("/api/v1/posts", json(body));
    }

    @Override
    protected PlatformRequest clipRequest(Clip clip) {
        ObjectNode body = object().put("title", clip.title()).put("video_url", clip.mediaUrl())
                .put("idempotency_key", clip.idempotencyKey());
        ObjectNode product = body.putObject("product").put("sku", clip.sku()).put("currency", clip.currency())
                .put("url", clip.productUrl());
        putAmount(product, "price", clip.price());
        return PlatformRequest.post("/api/v1/clips", json(body));
    }

    @Override
    protected PlatformRequest cueRequest(CommerceCue cue) {
        ObjectNode body = object().put("room_id", cue.liveRoomId()).put("action", lower(cue.type()))
                .put("sku", cue.sku()).put("coupon_code", cue.couponCode()).put("idempotency_key", cue.idempotencyKey());
        putAmount(body, "price", cue.price());
        if (cue.promotionRef() != null) {
            body.put("promotion_ref", cue.promotionRef());
        }
        return PlatformRequest.post("/api/v1/live/cues", json(body));
    }

    @Override
    protected PlatformRequest resolutionRequest(CaseResolution resolution) {
        ObjectNode body = object().put("ticket_id", resolution.ticketId()).put("order_id", resolution.orderId())
                .put("resolution", lower(resolution.type())).put("message", resolution.message())
                .put("idempotency_key", resolution.idempotencyKey());
        putAmount(body, "refund_amount", resolution.refundAmount());
        return PlatformRequest.post("/api/v1/aftersale/resolutions", json(body));
    }

    @Override
    protected PlatformRequest surveyRequest(SatisfactionSurvey survey) {
        ObjectNode body = object().put("order_id", survey.orderId()).put("case_ref", survey.caseRef())
                .put("question", survey.question()).put("idempotency_key", survey.idempotencyKey());
        return PlatformRequest.post("/api/v1/aftersale/surveys", json(body));
    }

    @Override
    protected PlatformRequest authenticate(PlatformRequest request) {
        return request.header("access-token", account.accessToken());
    }

    @Override
    protected String referenceFrom(JsonNode answer, String operation) {
        if (answer.path("err_no").asInt(-1) != 0) {
            throw refused(operation, "err_no " + answer.path("err_no").asText("?") + ": " + answer.path("err_msg").asText(""));
        }
        return requiredText(answer, "data.id", operation);
    }
}
