package io.centralkitchen.processes.access;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The engine's REST API ({@code /engine-rest}) answers a request for another station's task, process or variable the
 * way it answers one for a thing that does not exist: 404, saying nothing of the other station. The engine itself
 * refuses such a command with a plain {@link ProcessEngineException} ("ENGINE-13034 ... belongs to no authenticated
 * tenant"), which the REST API would answer as a 500 with the id and a stack trace in the log. Everything else keeps
 * the engine's own mapping.
 */
@Configuration(proxyBeanMethods = false)
public class EngineRestRefusals {

    /** The engine's code for a command on something of a tenant the caller is not a member of. */
    static final String OTHER_TENANT = "ENGINE-13034";

    @Bean
    ResourceConfigCustomizer otherStationsAreNotFound() {
        return config -> config.register(OtherTenantIsNotFound.class).register(WrappedOtherTenantIsNotFound.class);
    }

    /** Chosen before the engine's own mapper of {@link ProcessEngineException} (a lower priority value wins). */
    @Priority(1)
    public static class OtherTenantIsNotFound implements ExceptionMapper<ProcessEngineException> {

        @Override
        public Response toResponse(ProcessEngineException exception) {
            return answer(exception);
        }

        static Response answer(RuntimeException exception) {
            if (!isOtherTenant(exception)) {
                return ExceptionHandlerHelper.getInstance().getResponse(exception);
            }
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("type", "InvalidRequestException", "message", "Not found", "code", 0)).build();
        }

        static boolean isOtherTenant(Throwable exception) {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t.getMessage() != null && t.getMessage().contains(OTHER_TENANT)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The same refusal wrapped by the REST layer ("Cannot complete task ...: ENGINE-13034 ..."). */
    @Priority(1)
    public static class WrappedOtherTenantIsNotFound implements ExceptionMapper<RestException> {

        @Override
        public Response toResponse(RestException exception) {
            return OtherTenantIsNotFound.answer(exception);
        }
    }
}
