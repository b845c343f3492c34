package io.centralkitchen.routes.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * YouTube, as this adapter speaks it (Data API v3 style). Every request: {@code POST}, header
 * {@code Authorization: Bearer <access-token>}, query {@code part=snippet}, JSON body.
 * <pre>
 * /youtube/v3/communityPosts      {"snippet":{"text","mediaUrl"},"idempotencyKey"}
 * /youtube/v3/videos              {"snippet":{"title","description"},"sourceUrl","product":{"sku","price","currency","url"},"idempotencyKey"}
 * /youtube/v3/liveChat/messages   {"snippet":{"liveChatId","type":"textMessageEvent","textMessageDetails":{"messageText"}},"pinned":true,"idempotencyKey"}
 * answer: 200 {"kind":"youtube#...","id":"..."};  errors: 4xx {"error":{"code":400,"message":"..."}}
 * </pre>
 * YouTube sells through the station's connected store, not through YouTube: after-sales (resolutions, surveys) are
 * refused here, so the case shows the reason and is resolved in the store by hand.
 */
public class YouTubeAdapter extends HttpPlatformAdapter {

    public YouTubeAdapter(PlatformAccount account, PlatformCaller caller) {
        super(account, caller);
    }

    @Override
    public PlatformKind kind() {
        return PlatformKind.YOUTUBE;
    }

    @Override
    protected PlatformRequest postRequest(Post post) {
        ObjectNode body = object().put("idempotencyKey", post.idempotencyKey());
        body.putObject("snippet").put("text", post.text()).put("mediaUrl", post.mediaUrl());
        return PlatformRequest.post("/youtube/v3/communityPosts", json(body)).query("part", "snippet");
    }

    @Override
    protected PlatformRequest clipRequest(Clip clip) {
        ObjectNode body = object().put("sourceUrl", clip.mediaUrl()).put("idempotencyKey", clip.idempotencyKey());
        body.putObject("snippet").put("title", clip.title())
                .put("description", clip.title() + (clip.productUrl() == null ? "" : "\n" + clip.productUrl()));
        ObjectNode product = body.putObject("product").put("sku", clip.sku()).put("currency", clip.currency()).put("url", clip.productUrl());
        putAmount(product, "price", clip.price());
        return PlatformRequest.post("/youtube/v3/videos", json(body)).query("part", "snippet");
    }

    @Override
    protected PlatformRequest cueRequest(CommerceCue cue) {
        ObjectNode body = object().put("pinned", true).put("idempotencyKey", cue.idempotencyKey());
        body.putObject("snippet").put("liveChatId", cue.liveRoomId()).put("type", "textMessageEvent")
                .putObject("textMessageDetails").put("messageText", cueText(cue));
        return PlatformRequest.post("/youtube/v3/liveChat/messages", json(body)).query("part", "snippet");
    }

    private static String cueText(CommerceCue cue) {
        return switch (cue.type()) {
            case PIN_PRODUCT -> "Now on air: " + cue.sku();
            case START_FLASH_SALE -> "Flash sale: " + cue.sku() + (cue.price() == null ? "" : " at " + cue.price().toPlainString());
            case STOP_FLASH_SALE -> "Flash sale over: " + cue.sku();
            case COUPON -> "Coupon " + cue.couponCode() + " for " + cue.sku();
            case RED_ENVELOPE -> "Red envelopes are out now" + (cue.price() == null ? "" : ": " + cue.price().toPlainString() + " in all");
            case LOTTERY -> "The lottery has started" + (cue.price() == null ? "" : ": top prize " + cue.price().toPlainString());
            case RESERVATION -> "Reserve now for the next show";
        };
    }

    @Override
    protected PlatformRequest resolutionRequest(CaseResolution resolution) {
        throw refused("case resolution", "YouTube has no after-sales API; resolve case " + resolution.caseRef()
                + " in the store that sold the order");
    }

    @Override
    protected PlatformRequest surveyRequest(SatisfactionSurvey survey) {
        throw refused("satisfaction survey", "YouTube has no after-sales API; survey the customer of case "
                + survey.caseRef() + " through the store that sold the order");
    }

    @Override
    protected PlatformRequest authenticate(PlatformRequest request) {
        return request.header("Authorization", "Bearer " + account.accessToken());
    }

    @Override
    protected String referenceFrom(JsonNode answer, String operation) {
        if (answer.has("error")) {
            throw refused(operation, answer.path("error").path("code").asText("?") + ": " + answer.path("error").path("message").asText(""));
        }
        return requiredText(answer, "id", operation);
    }
}
