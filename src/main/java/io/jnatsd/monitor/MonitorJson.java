package io.jnatsd.monitor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * JSON as the reference's monitoring writes it: {@code json.MarshalIndent(v, "", "  ")}
 * (two-space indent, {@code "key": value}, {@code []} and {@code {}} when empty), times
 * in Go's RFC 3339 with nanoseconds, trailing zeros trimmed, and whole floats without a
 * fraction. Thread-safe.
 */
final class MonitorJson {

    /** Below this, Go's encoder writes a whole float64 as an integer; above, it switches to exponents. */
    private static final double WHOLE_FLOAT_LIMIT = 1e21;
    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(timeModule()).build();
    private static final ObjectWriter PRETTY = MAPPER.writer(goPrettyPrinter("  "));
    private static final ObjectWriter PRETTY_WIDE = MAPPER.writer(goPrettyPrinter("   "));
    private static final ObjectWriter COMPACT = MAPPER.writer();

    private MonitorJson() {
    }

    /** {@code v} as {@code json.MarshalIndent} would write it. */
    static byte[] pretty(Object v) {
        try {
            return PRETTY.writeValueAsBytes(v);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code v} as {@code json.MarshalIndent(v, "", "   ")} would write it (/ipqueuesz indents by three). */
    static byte[] prettyWide(Object v) {
        try {
            return PRETTY_WIDE.writeValueAsBytes(v);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code v} as {@code json.Marshal} would write it. */
    static byte[] compact(Object v) {
        try {
            return COMPACT.writeValueAsBytes(v);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Go's {@code time.RFC3339Nano} in UTC: {@code 2026-11-27T02:42:47.1077796Z}. */
    static String goTime(Instant t) {
        return io.jnatsd.server.GoTimes.format(t);
    }

    private static DefaultPrettyPrinter goPrettyPrinter(String indent) {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    private static SimpleModule timeModule() {
        SimpleModule m = new SimpleModule("go-time");
        m.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(goTime(value));
            }
        });
        StdSerializer<Double> goFloat = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                writeGoFloat(value, gen);
            }
        };
        m.addSerializer(Double.class, goFloat);
        m.addSerializer(double.class, goFloat);
        return m;
    }

    /** Go writes a whole float64 without a fraction ({@code 2}, not {@code 2.0}). */
    private static void writeGoFloat(double v, JsonGenerator gen) throws IOException {
        if (v == Math.rint(v) && Math.abs(v) < WHOLE_FLOAT_LIMIT) {
            gen.writeNumber((long) v);
        } else {
            gen.writeNumber(v);
        }
    }
}
