package io.centralkitchen.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers; hex, lower case, as recorded on every object. */
public final class Sha256 {

    private static final int BUFFER = 64 * 1024;

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    public static String of(byte[] content) {
        return HexFormat.of().formatHex(newDigest().digest(content));
    }

    /** Reads the stream to its end and returns its SHA-256. Does not close it. */
    public static String of(InputStream in) throws IOException {
        return copy(in, OutputStream.nullOutputStream());
    }

    /** Copies the stream to {@code out} and returns the SHA-256 of what was copied. Closes neither. */
    public static String copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = in.read(buffer)) != -1) {
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
