package io.centralkitchen.storage;

/** Masking of secrets for logs, REST answers and pages: only the last four characters survive. */
public final class Secrets {

    private Secrets() {
    }

    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        if (secret.length() <= 8) {
            return "****";
        }
        return "****" + secret.substring(secret.length() - 4);
    }
}
