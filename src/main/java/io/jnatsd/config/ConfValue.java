package io.jnatsd.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a parsed configuration with the place it came from; the counterpart of the reference's
 * pedantic-mode {@code token} in {@code conf/parse.go}.
 *
 * <p>{@link #value()} is one of: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code Instant}
 * (a date-time), an ordered {@code Map<String, ConfValue>} or a {@code List<ConfValue>}. {@link #plain()}
 * gives the same tree without positions: {@code LinkedHashMap<String, Object>}, {@code List<Object>} and the
 * scalars above.
 *
 * <p>Thread-safety: immutable once {@link ConfParser} has returned it; the parser is the only writer of the
 * used-as-variable mark, before it returns.
 */
public final class ConfValue {

    private final Object value;
    private final ConfPosition position;
    private final ConfPosition keyPosition;
    private boolean usedAsVariable;

    /**
     * @param value       the value; maps and lists are taken as they are and exposed read-only
     * @param position    where the value (or the variable reference that produced it) starts
     * @param keyPosition where its key starts, or {@code null} for array elements and the root
     */
    public ConfValue(Object value, ConfPosition position, ConfPosition keyPosition) {
        this.value = value;
        this.position = position;
        this.keyPosition = keyPosition;
    }

    /** {@return the value: a scalar, {@code Map<String, ConfValue>} or {@code List<ConfValue>}} */
    public Object value() {
        if (value instanceof Map<?, ?> m) {
            return Collections.unmodifiableMap(m);
        }
        if (value instanceof List<?> l) {
            return Collections.unmodifiableList(l);
        }
        return value;
    }

    /** {@return where the value starts; for a value taken from a variable, where the reference stands} */
    public ConfPosition position() {
        return position;
    }

    /** {@return where the key of this value starts, or {@code null} for an array element or the root} */
    public ConfPosition keyPosition() {
        return keyPosition;
    }

    /** {@return the key position when there is one, else the value position: the place to name in errors} */
    public ConfPosition reportPosition() {
        return keyPosition != null ? keyPosition : position;
    }

    /**
     * {@return true when a {@code $name} reference somewhere used this value; the reference skips such keys
     * when it rejects unknown options}
     */
    public boolean isUsedAsVariable() {
        return usedAsVariable;
    }

    void markUsedAsVariable() {
        usedAsVariable = true;
    }

    /** {@return true when the value is a map} */
    public boolean isMap() {
        return value instanceof Map;
    }

    /** {@return true when the value is a list} */
    public boolean isList() {
        return value instanceof List;
    }

    /**
     * {@return the map of this value}
     *
     * @throws ConfException when the value is not a map
     */
    @SuppressWarnings("unchecked")
    public Map<String, ConfValue> asMap() throws ConfException {
        if (value instanceof Map<?, ?> m) {
            return Collections.unmodifiableMap((Map<String, ConfValue>) m);
        }
        throw new ConfException(reportPosition(), "expected a map but got " + typeName(), null);
    }

    /**
     * {@return the list of this value}
     *
     * @throws ConfException when the value is not a list
     */
    @SuppressWarnings("unchecked")
    public List<ConfValue> asList() throws ConfException {
        if (value instanceof List<?> l) {
            return Collections.unmodifiableList((List<ConfValue>) l);
        }
        throw new ConfException(reportPosition(), "expected an array but got " + typeName(), null);
    }

    /** {@return a short name of the value's type for messages: string, integer, float, ...} */
    public String typeName() {
        return switch (value) {
            case String s -> "string";
            case Long l -> "integer";
            case Double d -> "float";
            case Boolean b -> "boolean";
            case Instant i -> "date-time";
            case Map<?, ?> m -> "map";
            case List<?> l -> "array";
            default -> value.getClass().getSimpleName();
        };
    }

    /** {@return the value without positions, maps as {@code LinkedHashMap} in file order} */
    public Object plain() {
        return plainOf(value);
    }

    private static Object plainOf(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put((String) e.getKey(), ((ConfValue) e.getValue()).plain());
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object e : l) {
                out.add(((ConfValue) e).plain());
            }
            return out;
        }
        return v;
    }

    /** Raw access for the parser, which fills maps and lists while it builds them. */
    Object raw() {
        return value;
    }

    @Override
    public String toString() {
        return position + " " + plain();
    }
}
