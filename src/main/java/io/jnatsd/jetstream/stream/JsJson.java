package io.jnatsd.jetstream.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson mapper of JetStream: snake_case names as the reference's JSON tags, unknown fields ignored (as
 * Go's {@code json.Unmarshal} does), nulls left out.
 *
 * <p>Threading: thread-safe.
 */
public final class JsJson {
    /** The shared mapper; configure nothing on it after class init. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();

    private JsJson() {
    }

    /**
     * @param value a record or node
     * @return its compact JSON bytes
     */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param json  JSON bytes
     * @param type  the record type
     * @param <T>   the type
     * @return the parsed value
     * @throws IOException when the JSON is malformed or does not fit the type
     */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }

    /** @return a new empty object node */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * @param value a value
     * @return it as a tree
     */
    public static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * @param json JSON text bytes
     * @return the tree
     */
    public static ObjectNode readTree(byte[] json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
