package io.centralkitchen.media.live;

import io.centralkitchen.storage.Secrets;

import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Stream keys, ingest keys and push URLs with credentials, held apart from everything else and referenced by id
 * ({@code kitchen.live.secrets.<id>}, usually from the environment). Only {@link #resolve} gives a value out, to the
 * code that opens the connection; everything a person can see goes through {@link #redact}/{@link #maskUrl}.
 */
public final class LiveSecrets {

    public static final Pattern SECRET_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

    /** Every secret value known to this JVM, so that FFmpeg's log lines and error texts can be scrubbed. */
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private final Function<String, String> lookup;
    private final String missingHint;

    /** Fixed secrets by id (configuration: {@code kitchen.live.secrets.<id>}, tests). */
    public LiveSecrets(Map<String, String> byId) {
        Map<String, String> copy = new TreeMap<>();
        byId.forEach((id, value) -> {
            if (value != null && !value.isBlank()) {
                copy.put(id, value.strip());
                remember(value.strip());
            }
        });
        this.lookup = copy::get;
        this.missingHint = "set kitchen.live.secrets.<id>";
    }

    private LiveSecrets(Function<String, String> lookup, String missingHint) {
        this.lookup = lookup;
        this.missingHint = missingHint;
    }

    /**
     * Secrets looked up at each use — a station's vault: a show holds one of these for its own station only, and a
     * destination that reconnects after a rotation reads the new value. {@code lookup} answers null for an unknown id.
     */
    public static LiveSecrets lookingUp(Function<String, String> lookup, String missingHint) {
        return new LiveSecrets(lookup, missingHint);
    }

    public boolean contains(String id) {
        return id != null && value(id) != null;
    }

    private String value(String id) {
        String value = lookup.apply(id);
        if (value == null || value.isBlank()) {
            return null;
        }
        remember(value.strip());
        return value.strip();
    }

    /** The secret's value, for the connection that needs it. Never log it, never return it to a caller. */
    public String resolve(String id) {
        String value = id == null ? null : value(id);
        if (value == null) {
            throw new IllegalArgumentException("No secret with id '" + id + "': " + missingHint.replace("<id>", String.valueOf(id)));
        }
        return value;
    }

    /** The masked form of the secret with this id, e.g. {@code rtmp://live-push.example/…/****a1b2}. */
    public String masked(String id) {
        String value = id == null ? null : value(id);
        return value == null ? "" : maskUrl(value);
    }

    /**
     * A URL with its credentials masked: scheme, host and port stay, the path's middle becomes "…" and its last part
     * (the stream key) shows only its last four characters; user info and query are dropped. A value that is not a
     * URL (a bare key) is masked as a whole.
     */
    public static String maskUrl(String url) {
        if (url == null || url.isEmpty()) {
            return "";
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Secrets.mask(url);
            }
            String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String tail = path.substring(path.lastIndexOf('/') + 1) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String middle = path.lastIndexOf('/') > 0 ? "/…" : "";
            return uri.getScheme() + "://" + hostPort + middle + "/" + (tail.isEmpty() ? "****" : Secrets.mask(tail));
        } catch (IllegalArgumentException notAUri) {
            return Secrets.mask(url);
        }
    }

    /** Registers a secret value so that {@link #redact} hides it wherever it appears. */
    public static void remember(String secret) {
        if (secret == null || secret.length() < 6) {
            return;
        }
        KNOWN.add(secret);
        try {
            URI uri = URI.create(secret);
            String path = uri.getRawPath();
            if (uri.getScheme() != null && path != null) {
                String key = path.substring(path.lastIndexOf('/') + 1);
                if (key.length() >= 6) {
                    KNOWN.add(key);
                }
                if (uri.getRawQuery() != null && uri.getRawQuery().length() >= 6) {
                    KNOWN.add(uri.getRawQuery());
                }
                if (uri.getRawUserInfo() != null && uri.getRawUserInfo().length() >= 6) {
                    KNOWN.add(uri.getRawUserInfo());
                }
            }
        } catch (IllegalArgumentException notAUri) {
            // a bare key: remembered as a whole above
        }
    }

    /** {@code text} with every known secret replaced by its masked form (longest first, so URLs go before keys). */
    public static String redact(String text) {
        if (text == null || text.isEmpty() || KNOWN.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : KNOWN.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            if (out.contains(secret)) {
                out = out.replace(secret, secret.contains("://") ? maskUrl(secret) : Secrets.mask(secret));
            }
        }
        return out;
    }
}
