package io.centralkitchen.routes.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code kitchen.platforms.*}: the first station's accounts, and nobody else's. */
class PropertiesPlatformAccountsTest {

    static PlatformProperties properties() {
        PlatformProperties properties = new PlatformProperties();
        PlatformProperties.Platform douyin = new PlatformProperties.Platform();
        douyin.setAccessToken("token-SECRET-0001");
        douyin.setWebhookSecret("hook-SECRET-0001");
        douyin.setRateLimit(4);
        properties.getPlatforms().put("douyin", douyin);
        PlatformProperties.Platform shop = new PlatformProperties.Platform();
        shop.setKind("webhook");
        shop.setBaseUrl("https://shop.example/hooks");
        properties.getPlatforms().put("own-shop", shop);
        PlatformProperties.Platform wechat = new PlatformProperties.Platform();
        properties.getPlatforms().put("wechatchannels", wechat);
        return properties;
    }

    @Test
    void theEntriesAreTheFirstStationsAccountsOnly() {
        PropertiesPlatformAccounts accounts = new PropertiesPlatformAccounts(properties(), "station-1");

        assertThat(accounts.list("station-1")).extracting(PlatformAccount::accountId).containsExactly("douyin", "own-shop", "wechatchannels");
        assertThat(accounts.find("station-1", "douyin")).get().satisfies(a -> {
            assertThat(a.stationId()).isEqualTo("station-1");
            assertThat(a.kind()).isEqualTo(PlatformKind.DOUYIN);
            assertThat(a.accessToken()).isEqualTo("token-SECRET-0001");
            assertThat(a.rateLimit()).isEqualTo(4);
            assertThat(a.receivesWebhooks()).isTrue();
            assertThat(a.publishes()).isFalse();
        });
        assertThat(accounts.find("station-1", "own-shop")).get().extracting(PlatformAccount::kind).isEqualTo(PlatformKind.WEBHOOK);
        assertThat(accounts.find("station-1", "wechatchannels")).get().extracting(PlatformAccount::kind).isEqualTo(PlatformKind.WECHAT_CHANNELS);

        assertThat(accounts.find("radio-two", "douyin")).isEmpty();
        assertThat(accounts.list("radio-two")).isEmpty();
    }

    @Test
    void theFirstStationIsWhicheverIsConfigured() {
        PropertiesPlatformAccounts accounts = new PropertiesPlatformAccounts(properties(), "radio-one");

        assertThat(accounts.find("radio-one", "douyin")).isPresent();
        assertThat(accounts.find("station-1", "douyin")).isEmpty();
    }

    @Test
    void anUnknownKindStopsTheStartNamingTheProperty() {
        PlatformProperties properties = properties();
        properties.getPlatforms().get("own-shop").setKind("myspace");

        assertThatThrownBy(() -> new PropertiesPlatformAccounts(properties, "station-1"))
                .hasMessageContaining("kitchen.platforms.own-shop").hasMessageContaining("myspace");
    }

    @Test
    void theVersionChangesWithAnySecretAndOnlyWithAChange() {
        PlatformAccount account = PlatformAccount.builder("station-1", "douyin", PlatformKind.DOUYIN).accessToken("a-token", null)
                .appSecret("an-app-secret").webhookSecret("a-hook-secret").build();

        assertThat(account.toBuilder().build().version()).isEqualTo(account.version());
        assertThat(account.toBuilder().accessToken("another-token", null).build().version()).isNotEqualTo(account.version());
        assertThat(account.toBuilder().accessToken("a-token", Instant.EPOCH).build().version()).isNotEqualTo(account.version());
        assertThat(account.toBuilder().appSecret("x").build().version()).isNotEqualTo(account.version());
        assertThat(account.toBuilder().webhookSecret("x").build().version()).isNotEqualTo(account.version());
        assertThat(account.toBuilder().timeout(Duration.ofSeconds(1)).build().version()).isNotEqualTo(account.version());
        assertThat(PlatformAccount.builder("radio-two", "douyin", PlatformKind.DOUYIN).accessToken("a-token", null)
                .appSecret("an-app-secret").webhookSecret("a-hook-secret").build().version()).isNotEqualTo(account.version());
        assertThat(account.toBuilder().version("row-7").build().version()).isEqualTo("row-7");
        assertThat(account.toString()).doesNotContain("a-token", "an-app-secret", "a-hook-secret", account.version());
    }
}
