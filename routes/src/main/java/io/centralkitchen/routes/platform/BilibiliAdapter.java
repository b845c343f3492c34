package io.centralkitchen.routes.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bilibili (哔哩哔哩) open platform, as this adapter speaks it. Every request: {@code POST}, headers
 * {@code Authorization: Bearer <access-token>} and {@code x-bili-client-id: <app-key>}, JSON body with
 * {@code idempotency_key}.
 * <pre>
 * /arcopen/fn/dynamic/publish        {"content","media_url"}
 * /arcopen/fn/archive/clip           {"title","video_url","goods":{"sku","price","currency","url"}}
 * /arcopen/fn/live/goods/cue         {"room_id","action":"pin_product|...","sku","price","coupon_code"}
 * /arcopen/fn/mall/aftersale/resolve {"ticket_id","order_id","resolution","refund_amount","message"}
 * /arcopen/fn/mall/aftersale/survey  {"order_id","case_ref","question"}
 * answer: 200 {"code":0,"message":"0","data":{"id":"..."}}   (code != 0: refused, message says why)
 * </pre>
 */
public class BilibiliAdapter extends HttpPlatformAdapter {

    public BilibiliAdapter(PlatformAccount account, PlatformCaller caller) {
        super(account, caller);
    }

    @Override
    public PlatformKind kind() {
        return PlatformKind.BILIBILI;
    }

    @Override
    protected PlatformRequest postRequest(Post post) {
        return PlatformRequest.post("/arcopen/fn/dynamic/publish", json(object().put("content", post.text())
                .put("media_url", post.mediaUrl()).put("idempotency_key", post.idempotencyKey())));
    }

    @Override
    protected PlatformRequest clipRequest(Clip clip) {
        ObjectNode body = object().put("title", clip.title()).put("video_url", clip.mediaUrl())
                .put("idempotency_key", clip.idempotencyKey());
        ObjectNode goods = body.putObject("goods").put("sku", clip.sku()).put("currency", clip.currency()).put("url", clip.productUrl());
        putAmount(goods, "price", clip.price());
        return PlatformRequest.post("/arcopen/fn/archive/clip", json(body));
    }

    @Override
    protected PlatformRequest cueRequest(CommerceCue cue) {
        ObjectNode body = object().put("room_id", cue.liveRoomId()).put("action", lower(cue.type())).put("sku", cue.sku())
                .put("coupon_code", cue.couponCode()).put("idempotency_key", cue.idempotencyKey());
        putAmount(body, "price", cue.price());
        if (cue.promotionRef() != null) {
            body.put("promotion_ref", cue.promotionRef());
        }
        return PlatformRequest.post("/arcopen/fn/live/goods/cue", json(body));
    }

    @Override
    protected PlatformRequest resolutionRequest(CaseResolution resolution) {
        ObjectNode body = object().put("ticket_id", resolution.ticketId()).put("order_id", resolution.orderId())
                .put("resolution", lower(resolution.type())).put("message", resolution.message())
                .put("idempotency_key", resolution.idempotencyKey());
        putAmount(body, "refund_amount", resolution.refundAmount());
        return PlatformRequest.post("/arcopen/fn/mall/aftersale/resolve", json(body));
    }

    @Override
    protected PlatformRequest surveyRequest(SatisfactionSurvey survey) {
        return PlatformRequest.post("/arcopen/fn/mall/aftersale/survey", json(object().put("order_id", survey.orderId())
                .put("case_ref", survey.caseRef()).put("question", survey.question())
                .put("idempotency_key", survey.idempotencyKey())));
    }

    @Override
    protected PlatformRequest authenticate(PlatformRequest request) {
        return request.header("Authorization", "Bearer " + account.accessToken())
                .header("x-bili-client-id", account.appKey());
    }

    @Override
    protected String referenceFrom(JsonNode answer, String operation) {
        if (answer.path("code").asInt(-1) != 0) {
            throw refused(operation, "code " + answer.path("code").asText("?") + ": " + answer.path("message").asText(""));
        }
        return requiredText(answer, "data.id", operation);
    }
}
