package io.centralkitchen.routes.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * The common part of the adapters: each kind builds its requests and reads its answers; this class sends them through
 * the account's routes (rate limit, retries, circuit breaker) and turns refusals into {@link PlatformRefusedException}
 * with the platform's answer in the message. An adapter serves one version of one station's account.
 */
public abstract class HttpPlatformAdapter implements PlatformAdapter {

    protected static final ObjectMapper JSON = new ObjectMapper();

    protected final String platformId;
    protected final PlatformAccount account;
    private final PlatformCaller caller;

    protected HttpPlatformAdapter(PlatformAccount account, PlatformCaller caller) {
        this.platformId = account.accountId();
        this.account = account;
        this.caller = caller;
    }

    @Override
    public String platformId() {
        return platformId;
    }

    @Override
    public String stationId() {
        return account.stationId();
    }

    @Override
    public String version() {
        return account.version();
    }

    @Override
    public String publishPost(Post post) {
        return send("post", postRequest(post));
    }

    @Override
    public String publishClip(Clip clip) {
        return send("clip", clipRequest(clip));
    }

    @Override
    public String sendCommerceCue(CommerceCue cue) {
        return send("commerce cue", cueRequest(cue));
    }

    @Override
    public String sendCaseResolution(CaseResolution resolution) {
        return send("case resolution", resolutionRequest(resolution));
    }

    @Override
    public String sendSatisfactionSurvey(SatisfactionSurvey survey) {
        return send("satisfaction survey", surveyRequest(survey));
    }

    protected abstract PlatformRequest postRequest(Post post);

    protected abstract PlatformRequest clipRequest(Clip clip);

    protected abstract PlatformRequest cueRequest(CommerceCue cue);

    protected abstract PlatformRequest resolutionRequest(CaseResolution resolution);

    protected abstract PlatformRequest surveyRequest(SatisfactionSurvey survey);

    /** Adds the kind's credentials (headers, query, signature) to a request. */
    protected abstract PlatformRequest authenticate(PlatformRequest request);

    /**
     * Reads the platform's reference from a 2xx answer, or throws {@link PlatformRefusedException} when the answer
     * carries an error code (several platforms answer 200 with an error inside).
     */
    protected abstract String referenceFrom(JsonNode answer, String operation);

    protected String send(String operation, PlatformRequest request) {
        if (!account.publishes()) {
            throw refused(operation, "no base URL is configured for platform account '" + platformId + "' of station '"
                    + account.stationId() + "'");
        }
        if (account.accessTokenExpired(Instant.now())) {
            throw refused(operation, "the access token of platform account '" + platformId + "' of station '"
                    + account.stationId() + "' expired at " + account.accessTokenExpiresAt() + "; renew it, then retry");
        }
        PlatformResponse response = caller.call(account, operation, authenticate(request));
        if (!response.isSuccess()) {
            throw refused(operation, "HTTP " + response.status() + ": " + response.excerpt());
        }
        JsonNode answer;
        try {
            answer = response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw refused(operation, "answer is not JSON: " + response.excerpt());
        }
        return referenceFrom(answer, operation);
    }

    protected PlatformRefusedException refused(String operation, String answer) {
        return new PlatformRefusedException(platformId, platformId + " refused the " + operation + ": " + answer);
    }

    /** The text at {@code path} ("data.id"), or throws a refusal naming what was missing. */
    protected String requiredText(JsonNode answer, String path, String operation) {
        JsonNode node = answer;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
            throw refused(operation, "answer has no " + path + ": " + PlatformResponse.excerpt(answer.toString()));
        }
        return node.asText();
    }

    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    protected static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    protected static void putAmount(ObjectNode node, String field, BigDecimal amount) {
        if (amount != null) {
            node.put(field, amount.toPlainString());
        }
    }
}
