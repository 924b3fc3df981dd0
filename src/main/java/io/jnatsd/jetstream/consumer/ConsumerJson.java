package io.jnatsd.jetstream.consumer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * JSON for the consumer room as the reference's {@code encoding/json} writes it: compact, durations as
 * nanosecond integers, times as Go's RFC 3339 with nanoseconds (trailing zeros trimmed). Unknown fields
 * are ignored, as Go does.
 *
 * <p>Thread-safe.
 */
public final class ConsumerJson {

    /** Go's zero time, which the reference writes for an unset {@code time.Time}. */
    public static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");


    /** The shared mapper. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
        .addModule(timeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private ConsumerJson() {
    }

    /**
     * @param value a model
     * @return its compact JSON bytes
     */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param json  JSON bytes
     * @param type  the model type
     * @param <T>   the model type
     * @return the model
     * @throws IOException if the JSON does not fit
     */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }

    /**
     * @param t a time
     * @return Go's {@code time.RFC3339Nano} in UTC
     */
    public static String goTime(Instant t) {
        return io.jnatsd.server.GoTimes.format(t);
    }

    /**
     * @param text an RFC 3339 time with any offset
     * @return the instant
     * @throws DateTimeParseException if it is not one
     */
    public static Instant parseGoTime(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    private static SimpleModule timeModule() {
        SimpleModule m = new SimpleModule("go-time");
        m.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(goTime(v));
            }
        });
        m.addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String text = p.getValueAsString();
                try {
                    return parseGoTime(text);
                } catch (DateTimeParseException e) {
                    throw ctx.weirdStringException(text, Instant.class, e.getMessage());
                }
            }
        });
        return m;
    }
}
