package io.centralkitchen.processes.station;

import io.centralkitchen.media.live.LiveSecrets;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Each station's secrets, encrypted in the database (AES-256-GCM, JDK crypto; the station and the secret's name are
 * the associated data, so a ciphertext copied to another station or name does not decrypt). Everything a person can
 * see is a {@link SecretView}: the masked tail, a fingerprint, who set it and when. {@link #reveal} is for the code that
 * opens the connection or signs the request, and every value it hands out is registered for redaction in logs.
 * A new value takes effect at once: nothing is cached.
 */
@Service
public class StationVault {

    /** Secret names: what shows and accounts refer to. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");
    public static final List<String> KINDS = List.of("PUSH_URL", "INGEST_KEY", "PULL_URL", "ACCESS_TOKEN", "APP_SECRET",
            "WEBHOOK_SECRET", "OTHER");
    static final int MAX_VALUE_LENGTH = 4096;
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A secret as people may see it: never its value. */
    public record SecretView(String stationId, String name, String kind, String masked, String fingerprint, int version,
                             String setBy, Instant setAt) {
    }

    private static final RowMapper<SecretView> VIEW = (rs, i) -> new SecretView(rs.getString("station_id"), rs.getString("name"),
            rs.getString("kind"), rs.getString("masked"), rs.getString("fingerprint"), rs.getInt("version"),
            rs.getString("set_by"), rs.getTimestamp("set_at").toInstant());

    private final JdbcTemplate jdbc;
    private final MasterKey key;

    public StationVault(JdbcTemplate jdbc, MasterKey key) {
        this.jdbc = jdbc;
        this.key = key;
    }

    /** Sets (or rotates) a station's secret; the answer shows it masked. */
    public SecretView set(String stationId, String name, String kind, String value, String setBy) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidFieldException("name", "A secret's name is 1 to 63 lower-case letters, digits, '.' and '-'");
        }
        String k = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
        if (!KINDS.contains(k)) {
            throw new InvalidFieldException("kind", "A secret's kind is one of " + String.join(", ", KINDS));
        }
        if (value == null || value.isBlank() || value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidFieldException("value", "A secret's value has 1 to " + MAX_VALUE_LENGTH + " characters");
        }
        String v = value.strip();
        LiveSecrets.remember(v);
        String sealed = encrypt(stationId, name, v);
        Timestamp now = Timestamp.from(Instant.now());
        String masked = LiveSecrets.maskUrl(v);
        String fingerprint = key.fingerprint(v);
        int updated = jdbc.update("update station_secret set kind = ?, ciphertext = ?, key_id = ?, fingerprint = ?, masked = ?,"
                + " version = version + 1, set_by = ?, set_at = ? where station_id = ? and name = ?", k, sealed, key.id(),
                fingerprint, masked, setBy, now, stationId, name);
        if (updated == 0) {
            try {
                jdbc.update("insert into station_secret (station_id, name, kind, ciphertext, key_id, fingerprint, masked, version,"
                        + " set_by, set_at) values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)", stationId, name, k, sealed, key.id(),
                        fingerprint, masked, setBy, now);
            } catch (DuplicateKeyException concurrentSet) {
                return set(stationId, name, kind, value, setBy);
            }
        }
        return view(stationId, name).orElseThrow();
    }

    /** Sets the secret only when the station has none of that name (bootstrap from configuration). */
    public boolean setIfAbsent(String stationId, String name, String kind, String value, String setBy) {
        if (exists(stationId, name)) {
            return false;
        }
        set(stationId, name, kind, value, setBy);
        return true;
    }

    /**
     * Bootstrap from configuration ({@code kitchen.live.secrets.*}): sets the secret when the station has none of that
     * name, or when configuration set it last and the configured value changed since; a value a person set over REST is
     * kept. Returns whether the vault changed.
     */
    public boolean setFromConfiguration(String stationId, String name, String kind, String value) {
        Optional<SecretView> current = view(stationId, name);
        if (current.isPresent() && (!CONFIGURATION.equals(current.get().setBy())
                || current.get().fingerprint().equals(key.fingerprint(value.strip())))) {
            return false;
        }
        set(stationId, name, kind, value, CONFIGURATION);
        return true;
    }

    /** Who set a secret that came from configuration. */
    public static final String CONFIGURATION = "configuration";

    public boolean exists(String stationId, String name) {
        if (stationId == null || name == null) {
            return false;
        }
        Integer n = jdbc.queryForObject("select count(*) from station_secret where station_id = ? and name = ?", Integer.class,
                stationId, name);
        return n != null && n > 0;
    }

    public Optional<SecretView> view(String stationId, String name) {
        return jdbc.query("select * from station_secret where station_id = ? and name = ?", VIEW, stationId, name).stream().findFirst();
    }

    public List<SecretView> list(String stationId) {
        return jdbc.query("select * from station_secret where station_id = ? order by name", VIEW, stationId);
    }

    public boolean delete(String stationId, String name) {
        return jdbc.update("delete from station_secret where station_id = ? and name = ?", stationId, name) == 1;
    }

    /**
     * The value of a station's secret, for the code that needs it to connect or sign. Never log it, never return it to a
     * caller, never put it in a variable.
     */
    public Optional<String> reveal(String stationId, String name) {
        List<String[]> rows = jdbc.query("select ciphertext, key_id from station_secret where station_id = ? and name = ?",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2)}, stationId, name);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (!key.id().equals(rows.get(0)[1])) {
            throw new IllegalStateException("Secret '" + name + "' of station '" + stationId + "' was sealed with master key "
                    + rows.get(0)[1] + ", this node has " + key.id() + ": give every node the same KITCHEN_SECRETS_MASTER_KEY");
        }
        String value = decrypt(stationId, name, rows.get(0)[0]);
        LiveSecrets.remember(value);
        return Optional.of(value);
    }

    private String encrypt(String stationId, String name, String value) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, stationId, name);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a secret: " + e.getMessage(), e);
        }
    }

    private String decrypt(String stationId, String name, String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            byte[] nonce = java.util.Arrays.copyOf(all, NONCE);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, stationId, name);
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Secret '" + name + "' of station '" + stationId + "' cannot be decrypted: it was"
                    + " altered, or moved from another station or name");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String stationId, String name) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key.encryptionKey(), "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD((stationId + "\u0000" + name).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
