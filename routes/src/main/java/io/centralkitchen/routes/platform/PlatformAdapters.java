package io.centralkitchen.routes.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The adapter of every configured platform, by platform id. */
public class PlatformAdapters {

    private final Map<String, PlatformAdapter> adapters;

    public PlatformAdapters(PlatformProperties properties, PlatformCaller caller) {
        Map<String, PlatformAdapter> byId = new LinkedHashMap<>();
        properties.getPlatforms().forEach((id, platform) -> byId.put(id, create(id, platform, caller)));
        this.adapters = Collections.unmodifiableMap(byId);
    }

    static PlatformAdapter create(String id, PlatformProperties.Platform platform, PlatformCaller caller) {
        return switch (platform.resolveKind(id)) {
            case DOUYIN -> new DouyinAdapter(id, platform, caller);
            case KUAISHOU -> new KuaishouAdapter(id, platform, caller);
            case WECHAT_CHANNELS -> new WeChatChannelsAdapter(id, platform, caller);
            case TAOBAO_LIVE -> new TaobaoLiveAdapter(id, platform, caller);
            case BILIBILI -> new BilibiliAdapter(id, platform, caller);
            case YOUTUBE -> new YouTubeAdapter(id, platform, caller);
            case WEBHOOK -> new GenericWebhookAdapter(id, platform, caller);
        };
    }

    /** @throws PlatformRefusedException when no platform of that id is configured (a person has to configure it) */
    public PlatformAdapter get(String platformId) {
        PlatformAdapter adapter = adapters.get(platformId);
        if (adapter == null) {
            throw new PlatformRefusedException(platformId, "Platform '" + platformId + "' is not configured"
                    + " (kitchen.platforms." + platformId + ".*); configured: " + adapters.keySet());
        }
        return adapter;
    }

    public Map<String, PlatformAdapter> all() {
        return adapters;
    }
}
