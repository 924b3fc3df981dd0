package io.jnatsd.config;

import io.jnatsd.config.ConfToken.Type;

import java.util.Locale;
import java.util.Set;

/**
 * Twin of the scalar part of {@code conf/lex.go}: numbers, size suffixes, date-times, IP-like strings, bare
 * strings and escapes. {@link ConfLexer} decides where a value starts; this class decides what it is.
 *
 * <p>Rules, as in the reference: a value starting with a digit is an integer if only digits follow, up to
 * a new line, blank, {@code ,}, {@code ;}, {@code }} or the end; a float for {@code d.d}; an IP-like string
 * for {@code d.d.d...}; a date-time for {@code YYYY-MM-DDTHH:MM:SSZ}; an integer with a size suffix for
 * {@code k, m, g, t, p, e} optionally followed by {@code b} and/or {@code i} letters; otherwise a bare
 * string ({@code 3xyz}, {@code 10s}). Stateless.
 */
final class ConfScalarLexer {

    private static final Set<String> BOOL_WORDS = Set.of("true", "false", "yes", "no", "on", "off");
    private static final String DATE_AFTER_YEAR = "00-00T00:00:00Z";

    private ConfScalarLexer() {
    }

    /** At a digit: an integer, float, date-time, IP-like string or a bare string starting with a digit. */
    static void lexNumberOrString(ConfLexer lx) throws ConfException {
        int start = lx.pos();
        lx.pos(start + 1);
        while (true) {
            int c = lx.peek();
            if (c == '-') {
                lx.pos(lx.pos() + 1);
                if (lx.pos() - start != 5) {
                    throw lx.fail(start, "a date-time must be in full Zulu form YYYY-MM-DDTHH:MM:SSZ"
                            + " (quote the value if it is a string)", lx.text(start, lx.pos()));
                }
                lexDateAfterYear(lx, start);
                return;
            }
            if (isDigit(c)) {
                lx.pos(lx.pos() + 1);
            } else if (c == '.') {
                lx.pos(lx.pos() + 1);
                lexFraction(lx, start);
                return;
            } else if (isSizeSuffix(c)) {
                lx.pos(lx.pos() + 1);
                lexSizeSuffix(lx, start);
                return;
            } else if (endsNumber(c)) {
                lx.emit(Type.INTEGER, lx.text(start, lx.pos()), start);
                return;
            } else {
                // Any other character turns the value into a bare string, this character included as is.
                lx.pos(lx.pos() + 1);
                lexBareString(lx, start, new StringPart(lx.text(start, lx.pos())));
                return;
            }
        }
    }

    /** At '-': a negative integer or float (never a string or a date-time). */
    static void lexNegativeNumber(ConfLexer lx) throws ConfException {
        int start = lx.pos();
        lx.pos(start + 1);
        int first = lx.next();
        if (!isDigit(first)) {
            String reason = first == '.' ? "a number must start with a digit, not '.'"
                    : "expected a digit after '-' (quote the value if it is a string)";
            throw lx.fail(lx.pos() - (ConfLexer.isEof(first) ? 0 : 1), reason, ConfLexer.charText(first));
        }
        while (true) {
            int c = lx.peek();
            if (isDigit(c)) {
                lx.pos(lx.pos() + 1);
            } else if (c == '.') {
                lx.pos(lx.pos() + 1);
                lexFraction(lx, start);
                return;
            } else if (isSizeSuffix(c)) {
                lx.pos(lx.pos() + 1);
                lexSizeSuffix(lx, start);
                return;
            } else {
                lx.emit(Type.INTEGER, lx.text(start, lx.pos()), start);
                return;
            }
        }
    }

    /** After {@code digits.}: a float, or an IP-like string when another '.' follows. */
    private static void lexFraction(ConfLexer lx, int start) throws ConfException {
        int c = lx.next();
        if (!isDigit(c)) {
            throw lx.fail(lx.pos() - (ConfLexer.isEof(c) ? 0 : 1), "expected a digit after '.' in a number",
                    ConfLexer.charText(c));
        }
        while (isDigit(lx.peek())) {
            lx.pos(lx.pos() + 1);
        }
        if (lx.peek() != '.') {
            lx.emit(Type.FLOAT, lx.text(start, lx.pos()), start);
            return;
        }
        while (true) {
            int k = lx.peek();
            if (!(isDigit(k) || k == '.' || k == ':' || k == '-')) {
                break;
            }
            lx.pos(lx.pos() + 1);
        }
        lx.emit(Type.STRING, lx.text(start, lx.pos()), start);
    }

    /** After a size letter: optional b/i letters, then an integer, or a bare string if more text follows. */
    private static void lexSizeSuffix(ConfLexer lx, int start) throws ConfException {
        while (true) {
            int c = lx.peek();
            if (c != 'b' && c != 'B' && c != 'i' && c != 'I') {
                break;
            }
            lx.pos(lx.pos() + 1);
        }
        int c = lx.peek();
        if (endsNumber(c) || isDigit(c)) {
            lx.emit(Type.INTEGER, lx.text(start, lx.pos()), start);
        } else {
            lexBareString(lx, start, new StringPart(lx.text(start, lx.pos())));
        }
    }

    /** After "YYYY-": the rest of an ISO 8601 Zulu date-time. */
    private static void lexDateAfterYear(ConfLexer lx, int start) throws ConfException {
        for (int i = 0; i < DATE_AFTER_YEAR.length(); i++) {
            char expected = DATE_AFTER_YEAR.charAt(i);
            int c = lx.next();
            int at = lx.pos() - (ConfLexer.isEof(c) ? 0 : 1);
            if (expected == '0' && !isDigit(c)) {
                throw lx.fail(at, "expected a digit in the date-time YYYY-MM-DDTHH:MM:SSZ", ConfLexer.charText(c));
            }
            if (expected != '0' && c != expected) {
                throw lx.fail(at, "expected '" + expected + "' in the date-time YYYY-MM-DDTHH:MM:SSZ",
                        ConfLexer.charText(c));
            }
        }
        lx.emit(Type.DATETIME, lx.text(start, lx.pos()), start);
    }

    /**
     * A bare string from {@code start}; {@code part} holds what was consumed since {@code start}. Ends before
     * a new line, blank, ',', ';', ']', '}' or the end; a single quote ends it too and is dropped. Without
     * escapes, {@code true/false/yes/no/on/off} (any case) is a boolean and {@code $name} a variable.
     */
    static void lexBareString(ConfLexer lx, int start, StringPart part) throws ConfException {
        while (true) {
            int c = lx.peek();
            if (c == '\\') {
                lx.pos(lx.pos() + 1);
                lexEscape(lx, part);
                continue;
            }
            if (ConfLexer.isNewLine(c) || ConfLexer.isEof(c) || c == ';' || c == ',' || c == ']' || c == '}'
                    || ConfLexer.isBlank(c)) {
                emitBare(lx, start, part);
                return;
            }
            if (c == '\'') {
                lx.emit(Type.STRING, part.finish(), start);
                lx.pos(lx.pos() + 1);
                return;
            }
            part.appendCodePoint(c);
            lx.pos(lx.pos() + 1);
        }
    }

    private static void emitBare(ConfLexer lx, int start, StringPart part) {
        String text = part.finish();
        if (part.escaped()) {
            lx.emit(Type.STRING, text, start);
        } else if (BOOL_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
            lx.emit(Type.BOOL, text, start);
        } else if (text.startsWith("$")) {
            lx.emit(Type.VARIABLE, text.substring(1), start);
        } else {
            lx.emit(Type.STRING, text, start);
        }
    }

    /** After a backslash in a bare or double-quoted string. */
    static void lexEscape(ConfLexer lx, StringPart part) throws ConfException {
        int at = lx.pos() - 1;
        int c = lx.next();
        switch (c) {
            case 't' -> part.appendEscapedChar('\t');
            case 'n' -> part.appendEscapedChar('\n');
            case 'r' -> part.appendEscapedChar('\r');
            case '"' -> part.appendEscapedChar('"');
            case '\\' -> part.appendEscapedChar('\\');
            case 'x' -> {
                int hi = lx.next();
                int lo = ConfLexer.isNewLine(hi) ? hi : lx.next();
                int value = (hexValue(hi) << 4) | hexValue(lo);
                if (hexValue(hi) < 0 || hexValue(lo) < 0) {
                    throw lx.fail(at, "expected two hexadecimal digits after '\\x'", lx.text(at, lx.pos()));
                }
                part.appendEscapedByte(value);
            }
            default -> throw lx.fail(at, "invalid escape sequence; only \\xXX, \\t, \\n, \\r, \\\" and \\\\"
                    + " are allowed", lx.text(at, lx.pos()));
        }
    }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static boolean isDigit(int c) {
        return !ConfLexer.isEof(c) && Character.isDigit(c);
    }

    private static boolean isSizeSuffix(int c) {
        return switch (c) {
            case 'k', 'K', 'm', 'M', 'g', 'G', 't', 'T', 'p', 'P', 'e', 'E' -> true;
            default -> false;
        };
    }

    /** Characters before which a run of digits is an integer. */
    private static boolean endsNumber(int c) {
        return ConfLexer.isNewLine(c) || ConfLexer.isEof(c) || c == '}' || c == ';' || c == ','
                || ConfLexer.isBlank(c);
    }
}
