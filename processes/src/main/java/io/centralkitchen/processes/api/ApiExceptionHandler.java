package io.centralkitchen.processes.api;

import io.centralkitchen.storage.StorageException;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Maps errors of the platform's REST API to answers with a message a person can act on. */
@RestControllerAdvice(basePackages = "io.centralkitchen")
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Bad input that names its field. */
    public static class InvalidFieldException extends IllegalArgumentException {
        private final String field;


        public InvalidFieldException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A referenced thing does not exist (or is not visible to the caller). */
    public static class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message);
        }
    }

    /** The request conflicts with the current state (e.g. an action on something already closed). */
    public static class ConflictException extends RuntimeException {
        public ConflictException(String message) {
            super(message);
        }
    }

    /** No (valid) credentials. */
    public static class NotAuthenticatedException extends RuntimeException {
        public NotAuthenticatedException() {
            super("Authentication required");
        }
    }

    /** The caller's groups do not allow the operation. */
    public static class AccessDeniedException extends RuntimeException {
        public AccessDeniedException(String message) {
            super(message);
        }
    }

    /** A station the caller does not work for: answered as if it did not exist (never named as someone else's). */
    public static class StationNotFoundException extends RuntimeException {
        public StationNotFoundException(String stationId) {
            super("There is no station '" + stationId + "'");
        }
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ApiError> invalidField(InvalidFieldException e) {
        return ResponseEntity.badRequest().body(new ApiError(400, "Bad Request", e.getMessage(), e.field()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
        var fieldError = e.getBindingResult().getFieldError();
        String field = fieldError == null ? null : fieldError.getField();
        String message = fieldError == null ? "The request is not valid"
                : "Field '" + fieldError.getField() + "' " + fieldError.getDefaultMessage();
        return ResponseEntity.badRequest().body(new ApiError(400, "Bad Request", message, field));
    }

    @ExceptionHandler({MissingServletRequestPartException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiError> missingPart(Exception e) {
        return ResponseEntity.badRequest().body(ApiError.of(400, "Bad Request", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ApiError.of(400, "Bad Request", e.getMessage()));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .body(ApiError.of(413, "Payload Too Large", "The upload is larger than allowed (" + e.getMaxUploadSize() + " bytes)"));
    }

    @ExceptionHandler({NotFoundException.class, StationNotFoundException.class})
    ResponseEntity<ApiError> notFound(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of(404, "Not Found", e.getMessage()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiError> conflict(ConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of(409, "Conflict", e.getMessage()));
    }

    @ExceptionHandler(NotAuthenticatedException.class)
    ResponseEntity<ApiError> unauthenticated(NotAuthenticatedException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ApiError.of(401, "Unauthorized", e.getMessage()));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationException.class})
    ResponseEntity<ApiError> forbidden(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiError.of(403, "Forbidden", e.getMessage()));
    }

    @ExceptionHandler(StorageException.class)
    ResponseEntity<ApiError> storage(StorageException e) {
        if (!e.isTransient()) {
            return ResponseEntity.badRequest().body(ApiError.of(400, "Bad Request", e.getMessage()));
        }
        log.warn("Object store failure: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(ApiError.of(503, "Service Unavailable", "The object store is unavailable; try again later"));
    }
}
