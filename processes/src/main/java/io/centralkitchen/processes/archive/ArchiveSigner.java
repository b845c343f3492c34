package io.centralkitchen.processes.archive;

import io.centralkitchen.processes.archive.verify.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The installation's Ed25519 key that signs archive checkpoints: from {@code kitchen.archive.signing-key}
 * ({@code KITCHEN_ARCHIVE_SIGNING_KEY}, base64 PKCS#8, the same on every node) or, on the embedded default, generated at
 * first start into {@code <data-dir>/secrets/archive-signing.key}, readable by the owner only. The private key never
 * leaves this class; the public key is exported for verifiers.
 */
final class ArchiveSigner {

    private static final Logger log = LoggerFactory.getLogger(ArchiveSigner.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private ArchiveSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static ArchiveSigner load(String configured, boolean embedded, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return fromPkcs8(configured.strip(), "kitchen.archive.signing-key");
        }
        if (!embedded) {
            throw new IllegalStateException("Set KITCHEN_ARCHIVE_SIGNING_KEY (base64 PKCS#8 Ed25519 key, e.g. `openssl genpkey"
                    + " -algorithm ed25519 -outform DER | base64 -w0`), the same on every node: the archive's checkpoints"
                    + " must all be signed by one key");
        }
        Path file = dataDir.resolve("secrets").resolve("archive-signing.key");
        try {
            if (!Files.exists(file)) {
                Path dir = Files.createDirectories(file.getParent());
                restrict(dir, "rwx------");
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Path temp = Files.createTempFile(dir, "archive", ".tmp");
                restrict(temp, "rw-------");
                Files.writeString(temp, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                log.info("Generated the archive's signing key at {} (readable by this user only; key id {}); set"
                        + " KITCHEN_ARCHIVE_SIGNING_KEY in production", file, Checkpoint.keyId(pair.getPublic()));
            }
            return fromPkcs8(Files.readString(file).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the archive's signing key at " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot make Ed25519 keys", e);
        }
    }

    private static ArchiveSigner fromPkcs8(String base64, String source) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new ArchiveSigner(key, publicOf((EdECPrivateKey) key));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("The archive signing key from " + source + " is not a base64 PKCS#8 Ed25519 key");
        }
    }

    /** The public key of an Ed25519 private key: a generator handed the key's own seed derives the same pair. */
    private static PublicKey publicOf(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(() -> new GeneralSecurityException("the private key has no seed"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
        return generator.generateKeyPair().getPublic();
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("Cannot restrict the permissions of {} on this file system", path);
        }
    }

    String sign(byte[] statement) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(statement);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign an archive checkpoint", e);
        }
    }

    PublicKey publicKey() {
        return publicKey;
    }

    String keyId() {
        return Checkpoint.keyId(publicKey);
    }

    /** Hands the generator the key's own seed, so it derives the matching public key. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
