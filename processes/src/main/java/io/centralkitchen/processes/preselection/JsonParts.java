package io.centralkitchen.processes.preselection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the JSON parts of a multipart request. Parsing them here rather than in Spring's converters turns a wrong
 * value into an error that names the field ({@code product.price}) and accepts parts sent without a content type,
 * as {@code curl -F 'product={...}'} does.
 */
@Component
class JsonParts {

    private final ObjectMapper mapper;

    JsonParts(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    <T> T read(String part, String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidFieldException(part, "Part '" + part + "' (JSON) is missing");
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw invalid(part, e);
        }
    }

    <T> List<T> readList(String part, String json, Class<T> element) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return mapper.readValue(json, TypeFactory.defaultInstance().constructCollectionType(List.class, element));
        } catch (JsonProcessingException e) {
            throw invalid(part, e);
        }
    }

    private static InvalidFieldException invalid(String part, JsonProcessingException e) {
        String field = part;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = part + mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining());
        }
        return new InvalidFieldException(field, "Part '" + part + "' is not valid JSON for this API at '" + field + "': "
                + e.getOriginalMessage());
    }
}
