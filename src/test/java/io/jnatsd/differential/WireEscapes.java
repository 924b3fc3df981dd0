package io.jnatsd.differential;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The escapes of the differential corpus: {@code \r \n \t \\ \xHH}, and {@code \{N:text}} for
 * {@code text} (itself escaped, without braces) repeated {@code N} times (long lines, many ops).
 * Everything else is taken as UTF-8 text.
 */
final class WireEscapes {

    private WireEscapes() {
    }

    /** Decodes an escaped corpus string into the bytes to send. */
    static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\') {
                int next = text.offsetByCodePoints(i, 1);
                out.writeBytes(text.substring(i, next).getBytes(StandardCharsets.UTF_8));
                i = next;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("dangling backslash in: " + text);
            }
            char e = text.charAt(i + 1);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                    i += 2;
                }
                case '{' -> {
                    int close = text.indexOf('}', i);
                    String[] spec = text.substring(i + 2, close).split(":", 2);
                    byte[] unit = decode(spec[1]);
                    for (int n = Integer.parseInt(spec[0]); n > 0; n--) {
                        out.writeBytes(unit);
                    }
                    i = close - 1;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in: " + text);
            }
            i += 2;
        }
        return out.toByteArray();
    }

    /** Encodes received bytes so that a transcript reads on one line and round-trips through {@link #decode}. */
    static String encode(byte[] bytes, int offset, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (b < 0x20 || b >= 0x7f) {
                        sb.append(String.format("\\x%02x", b));
                    } else {
                        sb.append((char) b);
                    }
                }
            }
        }
        return sb.toString();
    }
}
