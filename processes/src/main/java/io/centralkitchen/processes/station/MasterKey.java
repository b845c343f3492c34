package io.centralkitchen.processes.station;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The platform's master key for the station vault: 32 random bytes, from {@code KITCHEN_SECRETS_MASTER_KEY} (base64) —
 * the same on every node — or, on the embedded default only, generated at first start into
 * {@code <data-dir>/secrets/master.key}, readable by the owner only. Two keys are derived from it (HMAC-SHA256 with a
 * label), one to encrypt, one to fingerprint, so that neither use can help an attack on the other.
 */
public final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final byte[] encryption;
    private final byte[] fingerprint;
    private final String id;

    private MasterKey(byte[] master) {
        if (master.length != 32) {
            throw new IllegalStateException("The secrets master key must be 32 bytes (base64 of 32 random bytes, e.g."
                    + " `openssl rand -base64 32`), got " + master.length + " bytes");
        }
        this.encryption = derive(master, "central-kitchen vault encryption");
        this.fingerprint = derive(master, "central-kitchen vault fingerprint");
        this.id = HexFormat.of().formatHex(sha256(master), 0, 4);
    }

    /**
     * The configured key, or on the embedded default (no configured key, {@code embedded} true) the one in
     * {@code dataDir}, generated when missing. A clustered installation without a configured key refuses to start:
     * every node must encrypt with the same key.
     */
    public static MasterKey load(String configured, boolean embedded, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            try {
                return new MasterKey(Base64.getDecoder().decode(configured.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("KITCHEN_SECRETS_MASTER_KEY is not base64 (use `openssl rand -base64 32`)");
            }
        }
        if (!embedded) {
            throw new IllegalStateException("Set KITCHEN_SECRETS_MASTER_KEY (base64 of 32 random bytes, e.g. `openssl rand"
                    + " -base64 32`), the same on every node: the station vault cannot work with a key per node");
        }
        Path file = dataDir.resolve("secrets").resolve("master.key");
        try {
            if (!Files.exists(file)) {
                Path dir = Files.createDirectories(file.getParent());
                restrict(dir, "rwx------");
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path temp = Files.createTempFile(dir, "master", ".tmp");
                restrict(temp, "rw-------");
                Files.writeString(temp, Base64.getEncoder().encodeToString(fresh));
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                log.info("Generated the station vault's master key at {} (readable by this user only); set"
                        + " KITCHEN_SECRETS_MASTER_KEY in production", file);
            }
            return new MasterKey(Base64.getDecoder().decode(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the vault's master key at " + file, e);
        }
    }

    /** A key for tests and tools. */
    public static MasterKey of(byte[] master) {
        return new MasterKey(master.clone());
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("Cannot restrict the permissions of {} on this file system", path);
        }
    }

    byte[] encryptionKey() {
        return encryption;
    }

    /** Which master key this is: the first 8 hex digits of its SHA-256. */
    public String id() {
        return id;
    }

    /** A value's fingerprint: the first 16 hex digits of its HMAC under the fingerprint key. */
    public String fingerprint(String value) {
        return HexFormat.of().formatHex(hmac(fingerprint, value.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    private static byte[] derive(byte[] master, String label) {
        return hmac(master, label.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
