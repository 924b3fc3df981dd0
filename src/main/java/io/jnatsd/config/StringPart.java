package io.jnatsd.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The text of one string token while it is lexed. Kept as UTF-8 bytes because a {@code \xNN} escape adds a
 * raw byte, as in the reference, so that {@code \xc3\xa9} reads as {@code é}; bytes that do not form valid
 * UTF-8 become U+FFFD when the token is finished.
 *
 * <p>Not thread-safe.
 */
final class StringPart {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean escaped;

    StringPart() {
    }

    StringPart(String initial) {
        byte[] b = initial.getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
    }

    void appendCodePoint(int cp) {
        byte[] b = Character.toString(cp).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
    }

    void appendEscapedChar(char c) {
        escaped = true;
        bytes.write(c);
    }

    void appendEscapedByte(int b) {
        escaped = true;
        bytes.write(b);
    }

    /** {@return true once any escape sequence was added} */
    boolean escaped() {
        return escaped;
    }

    String finish() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
