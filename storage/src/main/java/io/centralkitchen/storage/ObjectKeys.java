package io.centralkitchen.storage;

import java.nio.charset.StandardCharsets;

/**
 * Rules for object keys. Keys are built from business ids (station, show, product...), so a key that breaks
 * these rules is a programming or input error that must be refused before anything is written.
 */
public final class ObjectKeys {

    /** S3 allows 1024 bytes; we keep the same bound so every backend accepts what we accept. */
    public static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {
    }

    /** Returns the key unchanged when it is acceptable, otherwise throws {@link InvalidObjectKeyException}. */
    public static String validate(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidObjectKeyException(String.valueOf(key), "it is empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidObjectKeyException(abbreviate(key),
                    "it is longer than " + MAX_KEY_BYTES + " bytes");
        }
        if (key.startsWith("/")) {
            throw new InvalidObjectKeyException(key, "it starts with '/'; keys are relative, e.g. 'station-1/shows/42/clip.mp4'");
        }
        if (key.endsWith("/")) {
            throw new InvalidObjectKeyException(key, "it ends with '/', which names a folder, not an object");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidObjectKeyException(abbreviate(key),
                        "it contains the control character U+%04X at position %d".formatted((int) c, i));
            }
            if (c == '\\') {
                throw new InvalidObjectKeyException(key, "it contains a backslash; use '/' between parts");
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidObjectKeyException(key, "it contains an empty part ('//')");
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidObjectKeyException(key, "it contains a '" + segment + "' part");
            }
        }
        return key;
    }

    /** A prefix for listing may be empty or end with '/', but must otherwise follow the key rules. */
    public static String validatePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        validate(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }

    private static String abbreviate(String key) {
        String printable = key.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }
}
