package io.centralkitchen.processes.archive.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A signed statement "station S's log had {@code treeSize} entries with root {@code rootHash} at {@code signedAt}",
 * Ed25519 over {@link #statement()}.
 */
public record Checkpoint(String station, long treeSize, String rootHash, Instant signedAt, String keyId, String signature) {

    public static final String FORMAT = "central-kitchen archive checkpoint v1";

    public byte[] statement() {
        return (FORMAT + "\n" + station + "\n" + treeSize + "\n" + rootHash + "\n" + signedAt + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public boolean verifies(PublicKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(statement());
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public byte[] root() {
        return HexFormat.of().parseHex(rootHash);
    }

    /** An Ed25519 public key from PEM ("-----BEGIN PUBLIC KEY-----") or bare base64 of its X.509 encoding. */
    public static PublicKey publicKey(String pemOrBase64) {
        String b64 = pemOrBase64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key (PEM or base64 X.509): " + e.getMessage(), e);
        }
    }

    /** The first 16 hex digits of the SHA-256 of the key's X.509 encoding. */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(Merkle.sha256(key.getEncoded()), 0, 8);
    }

    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
