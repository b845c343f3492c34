package io.centralkitchen.routes.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adapters of the stations' platform accounts. Every lookup names the station, and finds only that station's
 * accounts. Adapters are built on first use from {@link PlatformAccounts} and kept while the account's version stays
 * the same: a rotated token or secret is used from the next call on, without a restart.
 */
public class PlatformAdapters {

    private final PlatformAccounts accounts;
    private final PlatformCaller caller;
    /** By {@code <station>/<account>}; an entry of an older version is replaced on the next lookup. */
    private final Map<String, PlatformAdapter> built = new ConcurrentHashMap<>();

    public PlatformAdapters(PlatformAccounts accounts, PlatformCaller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    /**
     * @throws PlatformRefusedException when the station has no account of that id (a person has to add one); the
     *                                  message names the station's own accounts, never another station's
     */
    public PlatformAdapter get(String stationId, String accountId) {
        PlatformAccount account = accounts.find(stationId, accountId)
                // whatever the store answers, an account of another station is never used
                .filter(found -> found.stationId().equals(stationId) && found.accountId().equals(accountId))
                .orElseThrow(() -> new PlatformRefusedException(accountId, "Station '" + stationId
                        + "' has no platform account '" + accountId + "'; its accounts: " + accounts(stationId).keySet()));
        return adapter(account);
    }

    /** The station's accounts by platform id, in the order {@link PlatformAccounts#list} gives them. */
    public Map<String, PlatformAdapter> accounts(String stationId) {
        Map<String, PlatformAdapter> byId = new LinkedHashMap<>();
        for (PlatformAccount account : accounts.list(stationId)) {
            if (account.stationId().equals(stationId)) {
                byId.put(account.accountId(), adapter(account));
            }
        }
        return Collections.unmodifiableMap(byId);
    }

    private PlatformAdapter adapter(PlatformAccount account) {
        PlatformAdapter cached = built.get(account.label());
        if (cached != null && cached.version().equals(account.version())) {
            return cached;
        }
        return built.compute(account.label(), (label, existing) ->
                existing != null && existing.version().equals(account.version()) ? existing : create(account, caller));
    }

    static PlatformAdapter create(PlatformAccount account, PlatformCaller caller) {
        return switch (account.kind()) {
            case DOUYIN -> new DouyinAdapter(account, caller);
            case KUAISHOU -> new KuaishouAdapter(account, caller);
            case WECHAT_CHANNELS -> new WeChatChannelsAdapter(account, caller);
            case TAOBAO_LIVE -> new TaobaoLiveAdapter(account, caller);
            case BILIBILI -> new BilibiliAdapter(account, caller);
            case YOUTUBE -> new YouTubeAdapter(account, caller);
            case WEBHOOK -> new GenericWebhookAdapter(account, caller);
        };
    }
}
