package io.centralkitchen.routes.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * WeChat Channels (视频号) and its store, as this adapter speaks it. Every request: {@code POST}, query parameter
 * {@code access_token=<access-token>} (WeChat's convention; the query is never logged), JSON body with
 * {@code idempotency_key}.
 * <pre>
 * /channels/ec/post/add            {"content","media_url"}
 * /channels/ec/clip/add            {"title","video_url","product":{"out_product_id","sale_price_fen","currency","path"}}
 * /channels/ec/live/cue            {"live_id","cue_type":"pin_product|start_flash_sale|stop_flash_sale|coupon|red_envelope|lottery|reservation","out_product_id","sale_price_fen","coupon_id"}
 * /channels/ec/aftersale/resolve   {"after_sale_order_id","order_id","resolution","refund_amount_fen","message"}
 * /channels/ec/aftersale/survey    {"order_id","case_ref","question"}
 * answer: 200 {"errcode":0,"errmsg":"ok","id":"..."}   (errcode != 0: refused, errmsg says why)
 * </pre>
 * Prices are integer fen (1/100 CNY), as WeChat's store APIs use them.
 */
public class WeChatChannelsAdapter extends HttpPlatformAdapter {

    public WeChatChannelsAdapter(PlatformAccount account, PlatformCaller caller) {
        super(account, caller);
    }

    @Override
    public PlatformKind kind() {
        return PlatformKind.WECHAT_CHANNELS;
    }

    private static void putFen(ObjectNode node, String field, java.math.BigDecimal amount) {
        if (amount != null) {
            node.put(field, amount.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        }
    }

    @Override
    protected PlatformRequest postRequest(Post post) {
        return PlatformRequest.post("/channels/ec/post/add", json(object().put("content", post.text())
                .put("media_url", post.mediaUrl()).put("idempotency_key", post.idempotencyKey())));
    }

    @Override
    protected PlatformRequest clipRequest(Clip clip) {
        ObjectNode body = object().put("title", clip.title()).put("video_url", clip.mediaUrl())
                .put("idempotency_key", clip.idempotencyKey());
        ObjectNode product = body.putObject("product").put("out_product_id", clip.sku()).put("currency", clip.currency())
                .put("path", clip.productUrl());
        putFen(product, "sale_price_fen", clip.price());
        return PlatformRequest.post("/channels/ec/clip/add", json(body));
    }

    @Override
    protected PlatformRequest cueRequest(CommerceCue cue) {
        ObjectNode body = object().put("live_id", cue.liveRoomId()).put("cue_type", lower(cue.type()))
                .put("out_product_id", cue.sku()).put("coupon_id", cue.couponCode()).put("idempotency_key", cue.idempotencyKey());
        putFen(body, "sale_price_fen", cue.price());
        if (cue.promotionRef() != null) {
            body.put("promotion_ref", cue.promotionRef());
        }
        return PlatformRequest.post("/channels/ec/live/cue", json(body));
    }

    @Override
    protected PlatformRequest resolutionRequest(CaseResolution resolution) {
        ObjectNode body = object().put("after_sale_order_id", resolution.ticketId()).put("order_id", resolution.orderId())
                .put("resolution", lower(resolution.type())).put("message", resolution.message())
                .put("idempotency_key", resolution.idempotencyKey());
        putFen(body, "refund_amount_fen", resolution.refundAmount());
        return PlatformRequest.post("/channels/ec/aftersale/resolve", json(body));
    }

    @Override
    protected PlatformRequest surveyRequest(SatisfactionSurvey survey) {
        return PlatformRequest.post("/channels/ec/aftersale/survey", json(object().put("order_id", survey.orderId())
                .put("case_ref", survey.caseRef()).put("question", survey.question())
                .put("idempotency_key", survey.idempotencyKey())));
    }

    @Override
    protected PlatformRequest authenticate(PlatformRequest request) {
        return request.query("access_token", account.accessToken());
    }

    @Override
    protected String referenceFrom(JsonNode answer, String operation) {
        if (answer.path("errcode").asInt(-1) != 0) {
            throw refused(operation, "errcode " + answer.path("errcode").asText("?") + ": " + answer.path("errmsg").asText(""));
        }
        return requiredText(answer, "id", operation);
    }
}
