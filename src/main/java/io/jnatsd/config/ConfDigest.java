package io.jnatsd.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code configDigest} in {@code conf/parse.go}: the {@code sha256:...} digest of a parsed
 * configuration that the reference shows as {@code config_digest} in {@code /varz} and logs on reload.
 *
 * <p>The digest is SHA-256 over the tree written the way Go's {@code json.Encoder} writes it: map keys sorted
 * by their bytes, no blanks, a final new line, strings with Go's escapes (including {@code <}, {@code >} and
 * {@code &} as {@code \\u003c}-style escapes), floats in Go's shortest form ({@code 2} for 2.0, exponent form
 * below 1e-6 and from 1e21 on), date-times in RFC 3339. So comments, blanks, quoting and variables do not
 * change it; values do. Stateless.
 */
public final class ConfDigest {

    private static final double EXPONENT_BELOW = 1e-6;
    /** 17 significant digits always identify a double. */
    private static final int MAX_DOUBLE_DIGITS = 17;
    private static final double EXPONENT_FROM = 1e21;
    private static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter.ISO_INSTANT;

    private ConfDigest() {
    }

    /**
     * {@return the digest of a configuration tree, as {@code sha256:} and 64 hex digits}
     *
     * @param root the root value from {@link ConfParser}
     */
    public static String of(ConfValue root) {
        return ofPlain(root.plain());
    }

    /**
     * {@return the digest of a plain tree (maps, lists, strings, longs, doubles, booleans, instants)}
     *
     * @param plain the tree
     */
    public static String ofPlain(Object plain) {
        StringBuilder json = new StringBuilder();
        write(plain, json);
        json.append('\n');
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@return the tree as Go's json.Encoder writes it, without the final new line} */
    static String goJson(Object plain) {
        StringBuilder json = new StringBuilder();
        write(plain, json);
        return json.toString();
    }

    private static void write(Object v, StringBuilder sb) {
        switch (v) {
            case Map<?, ?> m -> {
                List<String> keys = new ArrayList<>();
                for (Object k : m.keySet()) {
                    keys.add((String) k);
                }
                keys.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                        b.getBytes(StandardCharsets.UTF_8)));
                sb.append('{');
                for (int i = 0; i < keys.size(); i++) {
                    sb.append(i == 0 ? "" : ",");
                    string(keys.get(i), sb);
                    sb.append(':');
                    write(m.get(keys.get(i)), sb);
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "" : ",");
                    write(l.get(i), sb);
                }
                sb.append(']');
            }
            case String s -> string(s, sb);
            case Long n -> sb.append(n);
            case Double d -> sb.append(goFloat(d));
            case Boolean b -> sb.append(b);
            case Instant t -> sb.append('"').append(RFC3339_NANO.format(t)).append('"');
            case ConfValue cv -> write(cv.plain(), sb);
            default -> throw new IllegalArgumentException("cannot digest a " + v.getClass().getName());
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !validPair(s, i)) {
                        sb.append("\\ufffd");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** The decimal with the fewest significant digits that reads back as d, nearest to d among those. */
    private static BigDecimal shortestDecimal(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < MAX_DOUBLE_DIGITS; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate;
            }
        }
        return exact.round(new MathContext(MAX_DOUBLE_DIGITS, RoundingMode.HALF_EVEN));
    }

    /** Go's encoding/json float64 form: shortest digits, 'f' notation unless tiny or huge, exponent trimmed. */
    static String goFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("json: unsupported value: " + d);
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal shortest = shortestDecimal(d);
        double abs = Math.abs(d);
        if (abs >= EXPONENT_BELOW && abs < EXPONENT_FROM) {
            String plain = shortest.toPlainString();
            if (plain.contains(".")) {
                plain = plain.replaceAll("0+$", "");
                plain = plain.endsWith(".") ? plain.substring(0, plain.length() - 1) : plain;
            }
            return plain;
        }
        BigDecimal unscaled = shortest.stripTrailingZeros();
        String digits = unscaled.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - unscaled.scale();
        StringBuilder sb = new StringBuilder(d < 0 ? "-" : "");
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        sb.append(Math.abs(exponent) < 10 ? "0" : "").append(Math.abs(exponent));
        String go = sb.toString();
        // encoding/json turns e-07 into e-7 (only for negative two-digit exponents starting with 0).
        return go.replaceFirst("e-0(\\d)$", "e-$1");
    }
}
