package io.centralkitchen.processes.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer of {@code /api/*}: what went wrong, in words a person can act on, and the field
 * concerned when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String message, String field) {

    public static ApiError of(int status, String error, String message) {
        return new ApiError(status, error, message, null);
    }
}
