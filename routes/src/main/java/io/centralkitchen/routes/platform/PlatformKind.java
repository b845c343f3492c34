package io.centralkitchen.routes.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of platform a station publishes to and hears from; each has one adapter. */
public enum PlatformKind {
    DOUYIN("douyin"),
    KUAISHOU("kuaishou"),
    WECHAT_CHANNELS("wechat-channels"),
    TAOBAO_LIVE("taobao-live"),
    BILIBILI("bilibili"),
    YOUTUBE("youtube"),
    /** Any other platform or the station's own site: plain JSON over HTTP, signed like our inbound webhooks. */
    WEBHOOK("webhook");

    private final String id;

    PlatformKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * Finds a kind by its id, tolerating the forms configuration produces: {@code wechat-channels},
     * {@code wechat_channels}, {@code WECHATCHANNELS} (environment variables lose the dashes of map keys).
     */
    public static Optional<PlatformKind> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = normalise(name);
        return Arrays.stream(values()).filter(k -> normalise(k.id).equals(wanted)).findFirst();
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
