package io.centralkitchen.processes.archive.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle tree hashing as RFC 6962 (Certificate Transparency) defines it: a leaf is {@code SHA-256(0x00 || entry)}, an
 * inner node {@code SHA-256(0x01 || left || right)}, and a tree of n leaves splits at the largest power of two below n.
 * Holds the leaves of one log and answers its root and the inclusion proof of any leaf; {@link #verifyInclusion} is the
 * RFC 9162 check a verifier runs with nothing but the proof and a signed root.
 */
public final class Merkle {

    private final List<byte[][]> levels = new ArrayList<>();
    private final int size;

    /** The tree over {@code leafHashes} (already leaf-hashed). */
    public Merkle(List<byte[]> leafHashes) {
        this.size = leafHashes.size();
        byte[][] level = leafHashes.toArray(new byte[0][]);
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[level.length / 2][];
            for (int i = 0; i < up.length; i++) {
                up[i] = nodeHash(level[2 * i], level[2 * i + 1]);
            }
            levels.add(up);
            level = up;
        }
    }

    public int size() {
        return size;
    }

    /** The root of the whole tree (SHA-256 of nothing for an empty one). */
    public byte[] root() {
        return size == 0 ? sha256(new byte[0]) : hash(0, size);
    }

    /** The audit path of leaf {@code index}, from the leaf's sibling up to the root's child. */
    public List<byte[]> inclusionProof(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("Leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(index, 0, size, path);
        return path;
    }

    private void path(int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m - from < k) {
            path(m, from, from + k, out);
            out.add(hash(from + k, to));
        } else {
            path(m, from + k, to, out);
            out.add(hash(from, from + k));
        }
    }

    /** MTH(D[from:to]); aligned complete subtrees come from the levels, the ragged right edge is split recursively. */
    private byte[] hash(int from, int to) {
        int n = to - from;
        if (Integer.bitCount(n) == 1 && from % n == 0) {
            return levels.get(Integer.numberOfTrailingZeros(n))[from / n];
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(hash(from, from + k), hash(from + k, to));
    }

    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    /** RFC 9162 section 2.1.3.2: whether {@code proof} leads from the leaf at {@code index} to {@code root} of a tree of {@code size}. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    public static byte[] leafHash(byte[] entry) {
        return sha256((byte) 0x00, entry);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = digest();
        d.update((byte) 0x01);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    private static byte[] sha256(byte prefix, byte[] data) {
        MessageDigest d = digest();
        d.update(prefix);
        d.update(data);
        return d.digest();
    }

    public static byte[] sha256(byte[] data) {
        return digest().digest(data);
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
