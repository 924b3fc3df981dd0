package io.jnatsd.config;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes a configuration tree back as configuration text that {@link ConfParser} reads to the same tree:
 * one key per line, maps and arrays as indented blocks, every string double-quoted with escapes, keys quoted.
 *
 * <p>Accepts plain trees (as {@link ConfValue#plain()} gives) and {@link ConfValue} trees. Values the language
 * cannot express are refused with {@link IllegalArgumentException}: non-finite floats, date-times with
 * fractions of a second or outside years 0000-9999, keys holding both kinds of quote. Stateless.
 */
public final class ConfPrinter {

    private static final String INDENT = "  ";
    private static final DateTimeFormatter ZULU = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private ConfPrinter() {
    }

    /**
     * {@return the text of a top-level map}
     *
     * @param root a map of keys to plain values or {@link ConfValue}s
     */
    public static String print(Map<String, ?> root) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ?> e : root.entrySet()) {
            sb.append(key(e.getKey())).append(" = ");
            value(e.getValue(), sb, 0);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void value(Object v, StringBuilder sb, int depth) {
        switch (v) {
            case ConfValue cv -> value(cv.value(), sb, depth);
            case String s -> string(s, sb);
            case Long n -> sb.append(n);
            case Integer n -> sb.append(n);
            case Double d -> sb.append(decimal(d));
            case Boolean b -> sb.append(b);
            case Instant t -> sb.append(dateTime(t));
            case Map<?, ?> m -> {
                sb.append("{\n");
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    indent(sb, depth + 1).append(key((String) e.getKey())).append(" = ");
                    value(e.getValue(), sb, depth + 1);
                    sb.append('\n');
                }
                indent(sb, depth).append('}');
            }
            case List<?> l -> {
                sb.append("[\n");
                for (Object e : l) {
                    indent(sb, depth + 1);
                    value(e, sb, depth + 1);
                    sb.append('\n');
                }
                indent(sb, depth).append(']');
            }
            default -> throw new IllegalArgumentException("cannot print a " + v.getClass().getName());
        }
    }

    private static StringBuilder indent(StringBuilder sb, int depth) {
        return sb.append(INDENT.repeat(depth));
    }

    /** Keys are quoted; quoted keys have no escapes, so the quote not in the key is used. */
    static String key(String key) {
        if (key.indexOf('"') < 0) {
            return '"' + key + '"';
        }
        if (key.indexOf('\'') < 0) {
            return '\'' + key + '\'';
        }
        throw new IllegalArgumentException("a key cannot hold both ' and \": " + key);
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static String decimal(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("the conf language has no " + d);
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        String plain = new BigDecimal(Double.toString(d)).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private static String dateTime(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        if (t.getNano() != 0 || z.getYear() < 0 || z.getYear() > 9999) {
            throw new IllegalArgumentException("the conf language cannot write the date-time " + t);
        }
        return ZULU.format(z);
    }
}
