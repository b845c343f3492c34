package io.centralkitchen.processes.commerce.promotion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * A reproducible lottery draw: the entrants in canonical form (distinct, sorted), their SHA-256, and the winners —
 * the entrants whose SHA-256 of {@code seed + "\n" + entrant} is lowest. Anyone with the seed and the entrant list
 * gets the same winners (e.g. {@code printf '%s\n%s' "$seed" "$entrant" | sha256sum}, sorted); nobody can steer them
 * without knowing the seed before the entrants are closed.
 */
public final class LotteryDraw {

    private LotteryDraw() {
    }

    public static List<String> canonical(Collection<String> entrants) {
        return List.copyOf(new TreeSet<>(entrants));
    }

    public static String hash(List<String> canonical) {
        return sha256(String.join("\n", canonical));
    }

    public static List<String> winners(String seed, List<String> canonical, int count) {
        return canonical.stream().map(e -> new String[]{sha256(seed + "\n" + e), e})
                .sorted(Comparator.comparing((String[] pair) -> pair[0]).thenComparing(pair -> pair[1]))
                .limit(count).map(pair -> pair[1]).toList();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
