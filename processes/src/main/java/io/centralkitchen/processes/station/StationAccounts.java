package io.centralkitchen.processes.station;

import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.routes.platform.PlatformAccount;
import io.centralkitchen.routes.platform.PlatformAccounts;
import io.centralkitchen.routes.platform.PlatformKind;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Each station's platform accounts (table {@code platform_account}) with their secrets in the station's vault
 * ({@code <account>.app-secret}, {@code .access-token}, {@code .webhook-secret}): the {@link PlatformAccounts} the
 * adapters and webhooks use. A decrypted account is kept while neither its row nor any of its secrets changed, so a
 * rotation is used on the next call.
 */
@Service
public class StationAccounts implements PlatformAccounts {

    public static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
    static final List<String> SECRETS = List.of("app-secret", "access-token", "webhook-secret");

    /**
     * What people see of an account: no secret, only whether each is set and its masked tail. The account matrix:
     * its live room and shop on the platform, its owner (a host, or the station brand when {@code ownerHostId} is
     * null) and whether shows use it by default.
     */
    public record AccountView(String stationId, String accountId, String kind, String baseUrl, String appKey,
                              Instant accessTokenExpiresAt, int rateLimit, int retries, long retryDelayMillis, long timeoutMillis,
                              Map<String, String> secrets, int version, String updatedBy, Instant updatedAt,
                              String liveRoomId, String shopId, Long ownerHostId, boolean defaultForShows) {
    }

    /**
     * A new or changed account; a secret left null keeps its current value, and so do the matrix fields (an empty
     * live room or shop id clears it; {@code ownerHostId} 0 makes the station brand the owner).
     */
    public record AccountForm(String kind, String baseUrl, String appKey, String appSecret, String accessToken,
                              Instant accessTokenExpiresAt, String webhookSecret, Integer rateLimit, Integer retries,
                              Long retryDelayMillis, Long timeoutMillis, String liveRoomId, String shopId, Long ownerHostId,
                              Boolean defaultForShows) {

        public AccountForm(String kind, String baseUrl, String appKey, String appSecret, String accessToken,
                           Instant accessTokenExpiresAt, String webhookSecret, Integer rateLimit, Integer retries,
                           Long retryDelayMillis, Long timeoutMillis) {
            this(kind, baseUrl, appKey, appSecret, accessToken, accessTokenExpiresAt, webhookSecret, rateLimit, retries,
                    retryDelayMillis, timeoutMillis, null, null, null, null);
        }
    }

    private record Row(String stationId, String accountId, String kind, String baseUrl, String appKey, Instant expiresAt,
                       int rateLimit, int retries, long retryDelayMillis, long timeoutMillis, int version, String updatedBy,
                       Instant updatedAt, String liveRoomId, String shopId, Long ownerHostId, boolean defaultForShows) {
    }

    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getString("station_id"), rs.getString("account_id"),
            rs.getString("kind"), rs.getString("base_url"), rs.getString("app_key"),
            rs.getTimestamp("token_expires_at") == null ? null : rs.getTimestamp("token_expires_at").toInstant(),
            rs.getInt("rate_limit"), rs.getInt("retries"), rs.getLong("retry_delay_ms"), rs.getLong("timeout_ms"),
            rs.getInt("version"), rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant(), rs.getString("live_room_id"),
            rs.getString("shop_id"), rs.getObject("owner_host_id", Long.class), rs.getBoolean("default_for_shows"));

    private final JdbcTemplate jdbc;
    private final StationVault vault;
    private final Map<String, PlatformAccount> decrypted = new ConcurrentHashMap<>();

    public StationAccounts(JdbcTemplate jdbc, StationVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @Override
    public Optional<PlatformAccount> find(String stationId, String accountId) {
        Optional<Row> row = row(stationId, accountId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String version = version(row.get());
        PlatformAccount cached = decrypted.get(stationId + "/" + accountId);
        if (cached != null && cached.version().equals(version)) {
            return Optional.of(cached);
        }
        Row r = row.get();
        PlatformAccount account = PlatformAccount.builder(stationId, accountId, kind(r.kind())).baseUrl(r.baseUrl()).appKey(r.appKey())
                .appSecret(vault.reveal(stationId, accountId + ".app-secret").orElse(""))
                .accessToken(vault.reveal(stationId, accountId + ".access-token").orElse(""), r.expiresAt())
                .webhookSecret(vault.reveal(stationId, accountId + ".webhook-secret").orElse(""))
                .rateLimit(r.rateLimit()).retries(r.retries()).retryDelay(Duration.ofMillis(r.retryDelayMillis()))
                .timeout(Duration.ofMillis(r.timeoutMillis())).version(version).build();
        decrypted.put(stationId + "/" + accountId, account);
        return Optional.of(account);
    }

    @Override
    public List<PlatformAccount> list(String stationId) {
        return jdbc.queryForList("select account_id from platform_account where station_id = ? order by account_id", String.class,
                stationId).stream().map(id -> find(stationId, id)).flatMap(Optional::stream).toList();
    }

    public List<AccountView> views(String stationId) {
        return jdbc.query("select * from platform_account where station_id = ? order by account_id", ROW, stationId).stream()
                .map(this::view).toList();
    }

    public Optional<AccountView> view(String stationId, String accountId) {
        return row(stationId, accountId).map(this::view);
    }

    /** Creates or changes an account; secrets go to the vault (null keeps the current one). */
    public AccountView save(String stationId, String accountId, AccountForm form, String by) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new InvalidFieldException("accountId", "An account id is 1 to 48 lower-case letters, digits and '-'");
        }
        PlatformKind kind = kind(form.kind() == null ? accountId : form.kind());
        String baseUrl = form.baseUrl() == null ? "" : form.baseUrl().strip();
        if (!baseUrl.isEmpty() && !(baseUrl.startsWith("https://") || baseUrl.startsWith("http://")) || baseUrl.length() > 500) {
            throw new InvalidFieldException("baseUrl", "The platform's base URL is an http(s) URL of at most 500 characters");
        }
        int rateLimit = bounded("rateLimit", form.rateLimit(), 10, 1, 1000);
        int retries = bounded("retries", form.retries(), 3, 0, 10);
        long retryDelay = bounded("retryDelayMillis", form.retryDelayMillis(), 500L, 10L, 60_000L);
        long timeout = bounded("timeoutMillis", form.timeoutMillis(), 10_000L, 100L, 120_000L);
        checkMatrix(stationId, form);
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp expires = form.accessTokenExpiresAt() == null ? null : Timestamp.from(form.accessTokenExpiresAt());
        int updated = jdbc.update("update platform_account set kind = ?, base_url = ?, app_key = ?, token_expires_at = ?,"
                + " rate_limit = ?, retries = ?, retry_delay_ms = ?, timeout_ms = ?, version = version + 1, updated_by = ?,"
                + " updated_at = ? where station_id = ? and account_id = ?", kind.id(), baseUrl, form.appKey(), expires,
                rateLimit, retries, retryDelay, timeout, by, now, stationId, accountId);
        if (updated == 0) {
            try {
                jdbc.update("insert into platform_account (station_id, account_id, kind, base_url, app_key, token_expires_at,"
                        + " rate_limit, retries, retry_delay_ms, timeout_ms, version, updated_by, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)", stationId, accountId, kind.id(), baseUrl, form.appKey(),
                        expires, rateLimit, retries, retryDelay, timeout, by, now);
            } catch (DuplicateKeyException concurrent) {
                return save(stationId, accountId, form, by);
            }
        }
        matrix(stationId, accountId, form);
        secret(stationId, accountId, "app-secret", "APP_SECRET", form.appSecret(), by);
        secret(stationId, accountId, "access-token", "ACCESS_TOKEN", form.accessToken(), by);
        secret(stationId, accountId, "webhook-secret", "WEBHOOK_SECRET", form.webhookSecret(), by);
        return view(stationId, accountId).orElseThrow();
    }

    /** Stores the account only when the station has none of that id (bootstrap from configuration). */
    public boolean saveIfAbsent(String stationId, String accountId, AccountForm form, String by) {
        if (row(stationId, accountId).isPresent()) {
            return false;
        }
        save(stationId, accountId, form, by);
        return true;
    }

    /** The station's default account for shows of a platform kind (the first by id when several are marked). */
    public Optional<AccountView> defaultFor(String stationId, String kind) {
        return jdbc.query("select * from platform_account where station_id = ? and kind = ? and default_for_shows = true"
                + " order by account_id", ROW, stationId, kind).stream().findFirst().map(this::view);
    }

    /** Accounts whose token expires before {@code before}: (station, account, expiry). */
    public List<AccountView> expiringBefore(Instant before) {
        return jdbc.query("select * from platform_account where token_expires_at is not null and token_expires_at <= ?"
                + " order by station_id, account_id", ROW, Timestamp.from(before)).stream().map(this::view).toList();
    }

    /** The account matrix's fields, checked before anything is written: a refused form changes nothing. */
    private void checkMatrix(String stationId, AccountForm form) {
        text("liveRoomId", form.liveRoomId());
        text("shopId", form.shopId());
        if (form.ownerHostId() != null && form.ownerHostId() != 0 && jdbc.queryForObject("select count(*) from host where id = ?"
                + " and station_id = ?", Integer.class, form.ownerHostId(), stationId) == 0) {
            throw new InvalidFieldException("ownerHostId", "Station '" + stationId + "' has no host " + form.ownerHostId()
                    + " (0 makes the station brand the owner)");
        }
    }

    private void matrix(String stationId, String accountId, AccountForm form) {
        String liveRoom = text("liveRoomId", form.liveRoomId());
        String shop = text("shopId", form.shopId());
        jdbc.update("update platform_account set live_room_id = case when ? then ? else live_room_id end,"
                        + " shop_id = case when ? then ? else shop_id end,"
                        + " owner_host_id = case when ? then ? else owner_host_id end,"
                        + " default_for_shows = coalesce(?, default_for_shows) where station_id = ? and account_id = ?",
                liveRoom != null, liveRoom == null || liveRoom.isEmpty() ? null : liveRoom,
                shop != null, shop == null || shop.isEmpty() ? null : shop,
                form.ownerHostId() != null, form.ownerHostId() == null || form.ownerHostId() == 0 ? null : form.ownerHostId(),
                form.defaultForShows(), stationId, accountId);
    }

    private static String text(String field, String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.length() > 128 || !v.isEmpty() && !v.matches("[A-Za-z0-9._:@/-]+")) {
            throw new InvalidFieldException(field, "'" + field + "' is at most 128 letters, digits or . _ : @ / - (empty clears it)");
        }
        return v;
    }

    public boolean delete(String stationId, String accountId) {
        jdbc.update("delete from host_account where station_id = ? and account_id = ?", stationId, accountId);
        boolean deleted = jdbc.update("delete from platform_account where station_id = ? and account_id = ?", stationId, accountId) == 1;
        if (deleted) {
            SECRETS.forEach(s -> vault.delete(stationId, accountId + "." + s));
            decrypted.remove(stationId + "/" + accountId);
        }
        return deleted;
    }

    private void secret(String stationId, String accountId, String name, String kind, String value, String by) {
        if (value != null && !value.isBlank()) {
            vault.set(stationId, accountId + "." + name, kind, value, by);
        }
    }

    private Optional<Row> row(String stationId, String accountId) {
        return jdbc.query("select * from platform_account where station_id = ? and account_id = ?", ROW, stationId, accountId)
                .stream().findFirst();
    }

    /** The row's version and every secret's version: changes with any of them. */
    private String version(Row r) {
        StringBuilder v = new StringBuilder("r").append(r.version());
        for (String s : SECRETS) {
            vault.view(r.stationId(), r.accountId() + "." + s).ifPresent(view -> v.append('-').append(view.version()));
        }
        return v.toString();
    }

    private AccountView view(Row r) {
        Map<String, String> secrets = new java.util.LinkedHashMap<>();
        for (String s : SECRETS) {
            secrets.put(s, vault.view(r.stationId(), r.accountId() + "." + s).map(StationVault.SecretView::masked).orElse(""));
        }
        return new AccountView(r.stationId(), r.accountId(), r.kind(), r.baseUrl(), r.appKey(), r.expiresAt(), r.rateLimit(),
                r.retries(), r.retryDelayMillis(), r.timeoutMillis(), secrets, r.version(), r.updatedBy(), r.updatedAt(),
                r.liveRoomId(), r.shopId(), r.ownerHostId(), r.defaultForShows());
    }

    private static PlatformKind kind(String name) {
        return PlatformKind.find(name.toLowerCase(Locale.ROOT)).orElseThrow(() -> new InvalidFieldException("kind",
                "Unknown platform kind '" + name + "': douyin, kuaishou, wechat-channels, taobao-live, bilibili, youtube or webhook"));
    }

    private static <T extends Comparable<T>> T bounded(String field, T value, T fallback, T min, T max) {
        T v = value == null ? fallback : value;
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new InvalidFieldException(field, "'" + field + "' must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }
}
