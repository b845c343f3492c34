package io.centralkitchen.processes.archive;

import io.centralkitchen.processes.archive.verify.Merkle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tree against RFC 6962's definitions written out naively (MTH and PATH by recursion over sub-lists). */
class MerkleTest {

    @Test
    void rootsAndProofsAreThoseOfRfc6962AndVerify() {
        for (int n = 1; n <= 33; n++) {
            List<byte[]> leaves = leaves(n);
            Merkle tree = new Merkle(leaves);
            assertThat(tree.root()).as("root of %d", n).isEqualTo(mth(leaves));
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = tree.inclusionProof(m);
                assertThat(proof).as("proof of %d in %d", m, n).usingElementComparator(Arrays::compare).containsExactlyElementsOf(path(m, leaves));
                assertThat(Merkle.verifyInclusion(m, n, leaves.get(m), proof, tree.root())).isTrue();
                assertThat(Merkle.verifyInclusion(m, n, Merkle.leafHash("other".getBytes(StandardCharsets.UTF_8)), proof, tree.root()))
                        .as("another leaf does not verify").isFalse();
                if (n > 1) {
                    assertThat(Merkle.verifyInclusion((m + 1) % n, n, leaves.get(m), proof, tree.root())).as("at another index").isFalse();
                }
            }
        }
    }

    @Test
    void theEmptyTreeAndTheHashPrefixesAreRfc6962s() {
        assertThat(HexFormat.of().formatHex(new Merkle(List.of()).root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // RFC 6962 test vector: the leaf hash of the empty entry is SHA-256(0x00)
        assertThat(HexFormat.of().formatHex(Merkle.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(Merkle.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    private static byte[] mth(List<byte[]> d) {
        if (d.size() == 1) {
            return d.get(0);
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return Merkle.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    private static List<byte[]> path(int m, List<byte[]> d) {
        List<byte[]> out = new ArrayList<>();
        if (d.size() <= 1) {
            return out;
        }
        int k = Integer.highestOneBit(d.size() - 1);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, d.size())));
        } else {
            out.addAll(path(m - k, d.subList(k, d.size())));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }
}
