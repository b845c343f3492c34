package io.centralkitchen.routes.platform;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** Sends a {@link PlatformRequest} through the account's routes and turns the outcome into an answer or exception. */
public class PlatformCaller {

    private final ProducerTemplate producer;
    private final PlatformRoutes routes;

    public PlatformCaller(ProducerTemplate producer, PlatformRoutes routes) {
        this.producer = producer;
        this.routes = routes;
    }

    /**
     * @return the platform's answer, 2xx or a refusal (4xx other than 408/429)
     * @throws PlatformUnavailableException after the retries, or while the circuit breaker is open
     */
    public PlatformResponse call(PlatformAccount account, String operation, PlatformRequest request) {
        String platformId = account.accountId();
        Exchange result = producer.send(routes.entry(account), exchange ->
                exchange.setProperty(PlatformRoutes.REQUEST, request));
        Exception failure = result.getException();
        if (failure == null) {
            PlatformResponse response = result.getMessage().getBody(PlatformResponse.class);
            if (response == null) {
                throw new PlatformUnavailableException(platformId, platformId + " " + operation + ": no answer", null);
            }
            return response;
        }
        throw translate(platformId, operation, failure);
    }

    static PlatformException translate(String platformId, String operation, Throwable failure) {
        Throwable cause = failure instanceof CamelExecutionException ? failure.getCause() : failure;
        if (cause instanceof CallNotPermittedException) {
            return new PlatformUnavailableException(platformId, platformId + " " + operation
                    + ": not sent, the circuit breaker is open after repeated failures of " + platformId
                    + "; calls resume after its open duration", cause);
        }
        if (cause instanceof TransientPlatformFailure transientFailure) {
            return new PlatformUnavailableException(platformId, platformId + " " + operation
                    + " failed after retries; the platform answered " + transientFailure.getMessage(), cause);
        }
        return new PlatformUnavailableException(platformId, platformId + " " + operation
                + " failed after retries: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
