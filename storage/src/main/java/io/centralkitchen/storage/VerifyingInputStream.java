package io.centralkitchen.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Hashes what passes through and, at the end of the stream, compares it with the recorded SHA-256. */
final class VerifyingInputStream extends FilterInputStream {

    private final MessageDigest digest = Sha256.newDigest();
    private final String key;
    private final String expected;
    private boolean checked;

    VerifyingInputStream(InputStream in, String key, String expected) {
        super(in);
        this.key = key;
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b == -1) {
            check();
        } else {
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n == -1) {
            check();
        } else {
            digest.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would leave bytes unhashed; read them instead.
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r == -1) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() {
        if (checked) {
            return;
        }
        checked = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected)) {
            throw new ChecksumMismatchException(key, expected, actual);
        }
    }
}
