package io.jnatsd.config;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes a plain configuration tree in the one-line form of reference-corpus-trees.txt, so that the trees
 * the reference builds can be compared with ours: maps with keys sorted by UTF-8 bytes, strings as
 * {@code S"..."} with bytes outside printable ASCII (and {@code "} and {@code \}) as {@code \xHH},
 * {@code I} integers, {@code F} IEEE-754 bits in hex, {@code B} booleans, {@code T} Unix seconds.
 */
final class ConfTreeDump {

    private ConfTreeDump() {
    }

    static String dump(Object tree) {
        StringBuilder sb = new StringBuilder();
        write(tree, sb);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb) {
        switch (v) {
            case Map<?, ?> m -> {
                List<String> keys = new ArrayList<>();
                for (Object k : m.keySet()) {
                    keys.add((String) k);
                }
                keys.sort(Comparator.comparing((String k) -> k.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
                sb.append('{');
                for (int i = 0; i < keys.size(); i++) {
                    sb.append(i == 0 ? "" : ",").append(quote(keys.get(i))).append(':');
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
            case String s -> sb.append('S').append(quote(s));
            case Long n -> sb.append('I').append(n);
            case Double d -> sb.append('F').append(Long.toHexString(Double.doubleToLongBits(d)));
            case Boolean b -> sb.append('B').append(b);
            case Instant t -> sb.append('T').append(t.getEpochSecond());
            default -> throw new IllegalArgumentException("unexpected value type " + v.getClass());
        }
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int u = b & 0xff;
            if (u >= 0x20 && u < 0x7f && u != '"' && u != '\\') {
                sb.append((char) u);
            } else {
                sb.append(String.format("\\x%02x", u));
            }
        }
        return sb.append('"').toString();
    }
}
