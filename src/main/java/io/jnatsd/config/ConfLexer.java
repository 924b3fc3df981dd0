package io.jnatsd.config;

import io.jnatsd.config.ConfToken.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Twin of {@code conf/lex.go}: turns configuration text into {@link ConfToken}s.
 *
 * <p>Design note: the reference lexes with a state machine and a stack of continuation states. This lexer
 * is a recursive-descent scanner instead: one method per context (top level, a top-level {@code { }} wrapper,
 * map value, array value), each of which owns the rules for what may end a value in that context. It accepts
 * the same language as the reference, including its surprises, which are kept on purpose so that a file one
 * server accepts the other accepts too:
 * <ul>
 *   <li>a number directly followed by {@code ]} is not a number: {@code [1]} is an error, {@code [1,2\n]}
 *       is not, and {@code [1k]} holds the string {@code "1k"};</li>
 *   <li>a key and its value may be separated by new lines ({@code a\nb} sets {@code a = "b"}), but a value
 *       may not start on the line after an {@code =} at top level;</li>
 *   <li>a single {@code /} between values counts as white space (at top level) or as a separator (in maps
 *       and arrays);</li>
 *   <li>{@code 5m} is the integer 5,000,000 and {@code 5s} is the string {@code "5s"}.</li>
 * </ul>
 * Where the reference silently produces a broken tree this lexer reports an error instead: an unterminated
 * quoted string or key at the end of input, a map key without a value ({@code {a }}), and a NUL character.
 * A block string ending at end of input does not take the closing {@code )} into its text.
 *
 * <p>Thread-safe: {@link #tokenize} keeps all lexing state in a private instance made for that one call.
 */
public final class ConfLexer {

    /** Deepest nesting of maps, arrays and {@code { }} wrappers accepted; deeper input is refused. */
    public static final int MAX_NESTING = 256;

    private static final int EOF = -1;

    private final String file;
    private final int[] cps;
    private final int[] lineStarts;
    private final List<ConfToken> out = new ArrayList<>();
    private int pos;
    private int depth;
    /** Set when the input ended in a place where the reference ends lexing quietly. */
    private boolean finished;

    private ConfLexer(String text, String file) {
        this.file = file;
        this.cps = text.codePoints().toArray();
        this.lineStarts = lineStarts(cps);
    }

    /**
     * Lexes a whole text.
     *
     * @param text the configuration text
     * @param file the file name used in positions ({@link ConfPosition#NO_FILE} for in-memory text)
     * @return the tokens, ending with one {@link Type#EOF}
     * @throws ConfException at the first lexical error
     */
    public static List<ConfToken> tokenize(String text, String file) throws ConfException {
        ConfLexer lexer = new ConfLexer(text, file);
        lexer.rejectNul();
        lexer.lexTop();
        if (lexer.out.isEmpty() || lexer.out.getLast().type() != Type.EOF) {
            lexer.emit(Type.EOF, "", lexer.pos);
        }
        return List.copyOf(lexer.out);
    }

    // ---------------------------------------------------------------- top level and { } wrappers

    private void lexTop() throws ConfException {
        while (!finished) {
            skipUnicodeSpace();
            int c = peek();
            if (c == EOF) {
                return;
            }
            if (c == '{') {
                pos++;
                lexWrapper(pos - 1);
                continue;
            }
            if (skipComment()) {
                continue;
            }
            if (c == '/') {
                throw fail(pos, "a key cannot start with a single '/' (comments start with '#' or '//')", "/");
            }
            lexEntry();
            if (!finished) {
                endTopValue();
            }
        }
    }

    /** After a top-level value: blanks, then a new line, ';', ',', '}', a comment or the end. */
    private void endTopValue() throws ConfException {
        while (true) {
            int at = pos;
            int c = next();
            if (c == '#' || (c == '/' && peek() == '/')) {
                pos = at;
                skipComment();
                return;
            }
            if (c == '/' || isBlank(c)) {
                continue;
            }
            if (isNewLine(c) || c == EOF || c == ';' || c == ',' || c == '}') {
                return;
            }
            throw fail(at, "expected a new line, ';', ',' or a comment after a top-level value", charText(c));
        }
    }

    /** A '{' ... '}' wrapper around top-level keys (JSON-like files); the '{' is consumed. */
    private void lexWrapper(int openAt) throws ConfException {
        enter(openAt);
        while (!finished) {
            skipUnicodeSpace();
            int c = peek();
            if (c == EOF) {
                finished = true;
                return;
            }
            if (c == '}') {
                pos++;
                leave();
                return;
            }
            if (c == '{') {
                pos++;
                lexWrapper(pos - 1);
                if (!finished && endNestedWrapper()) {
                    leave();
                    return;
                }
                continue;
            }
            if (skipComment()) {
                continue;
            }
            if (c == '/') {
                throw fail(pos, "a key cannot start with a single '/' (comments start with '#' or '//')", "/");
            }
            lexEntry();
            if (!finished && endWrapperValue()) {
                leave();
                return;
            }
        }
    }

    /** After a value inside a wrapper; returns true when the wrapper's '}' was consumed. */
    private boolean endWrapperValue() throws ConfException {
        while (true) {
            int at = pos;
            int c = next();
            if (c == '#' || (c == '/' && peek() == '/')) {
                pos = at;
                skipComment();
                continue;
            }
            if (c == '/' || isBlank(c)) {
                continue;
            }
            if (isNewLine(c) || c == ';' || c == ',') {
                return false;
            }
            if (c == '}') {
                return true;
            }
            throw fail(at, "expected a new line, ';', ',', a comment or '}' after a value", charText(c));
        }
    }

    /** After a nested wrapper closed; returns true when the enclosing wrapper's '}' was consumed too. */
    private boolean endNestedWrapper() throws ConfException {
        while (true) {
            int at = pos;
            int c = next();
            if (c == '#' || (c == '/' && peek() == '/')) {
                pos = at;
                skipComment();
                return false;
            }
            if (c == '/' || isBlank(c) || isNewLine(c)) {
                continue;
            }
            if (c == ';' || c == ',') {
                return false;
            }
            if (c == '}') {
                return true;
            }
            throw fail(at, "expected '}', ';' or ',' after a nested '{ }' block", charText(c));
        }
    }

    // ---------------------------------------------------------------- keys

    /** A key and its value (or an include) at top level or in a wrapper. */
    private void lexEntry() throws ConfException {
        int c = peek();
        if (c == '=' || c == ':') {
            throw fail(pos, "expected a key but found a key separator", charText(c));
        }
        int keyAt = pos;
        String key;
        if (c == '"' || c == '\'') {
            key = lexQuotedKey(c);
        } else {
            pos++;
            while (true) {
                int k = peek();
                if (isUnicodeSpace(k)) {
                    if (isIncludeKeyword(keyAt)) {
                        lexInclude();
                        return;
                    }
                    break;
                }
                if (k == '=' || k == ':' || k == EOF) {
                    break;
                }
                pos++;
            }
            key = text(keyAt, pos);
        }
        emit(Type.KEY, key, keyAt);
        skipUnicodeSpace();
        int s = peek();
        if (s == EOF) {
            finished = true;
            emit(Type.EOF, "", pos);
            return;
        }
        if (s == '=' || s == ':') {
            pos++;
        }
        lexValue();
    }

    private String lexQuotedKey(int quote) throws ConfException {
        int openAt = pos;
        pos++;
        int start = pos;
        while (peek() != quote) {
            if (peek() == EOF) {
                throw fail(openAt, "quoted key is not closed before the end of input", text(openAt, pos));
            }
            pos++;
        }
        String key = text(start, pos);
        pos++;
        return key;
    }

    private boolean isIncludeKeyword(int keyAt) {
        return text(keyAt, pos).toLowerCase(Locale.ROOT).equals("include");
    }

    /** After the {@code include} keyword, which is followed by a space character not yet consumed. */
    private void lexInclude() throws ConfException {
        while (isBlank(peek())) {
            pos++;
        }
        int at = pos;
        int c = peek();
        if (c == '"' || c == '\'') {
            pos++;
            while (peek() != c) {
                if (peek() == EOF) {
                    throw fail(at, "quoted include path is not closed before the end of input", text(at, pos));
                }
                pos++;
            }
            emit(Type.INCLUDE, text(at + 1, pos), at);
            pos++;
            return;
        }
        String found = switch (c) {
            case '[' -> "the start of an array";
            case '{' -> "the start of a map";
            case '(' -> "the start of a block";
            case '-' -> "the start of a number";
            case '\\' -> "an escape sequence";
            case '\n', '\r' -> "a new line";
            default -> c != EOF && Character.isDigit(c) ? "the start of a number" : null;
        };
        if (found != null) {
            throw fail(at, "expected an include path but found " + found, charText(c));
        }
        while (true) {
            int k = peek();
            if (isNewLine(k) || k == EOF || k == ';' || k == '}' || isBlank(k)) {
                emit(Type.INCLUDE, text(at, pos), at);
                return;
            }
            if (k == '\'') {
                emit(Type.INCLUDE, text(at, pos), at);
                pos++;
                return;
            }
            pos++;
        }
    }

    // ---------------------------------------------------------------- values

    /** A value; blanks before it are skipped, a new line before it is an error. */
    private void lexValue() throws ConfException {
        while (isBlank(peek())) {
            pos++;
        }
        int at = pos;
        int c = peek();
        switch (c) {
            case '[' -> {
                pos++;
                emit(Type.ARRAY_START, "", at);
                lexArray(at);
            }
            case '{' -> {
                pos++;
                emit(Type.MAP_START, "", at);
                lexMap(at);
            }
            case '\'' -> lexSingleQuoted();
            case '"' -> lexDoubleQuoted();
            case '(' -> lexBlockString();
            case '-' -> ConfScalarLexer.lexNegativeNumber(this);
            case '.' -> throw fail(at, "a number must start with a digit, not '.'", ".");
            case '\n', '\r' -> throw fail(at, "expected a value but found a new line", charText(c));
            default -> {
                if (c != EOF && Character.isDigit(c)) {
                    ConfScalarLexer.lexNumberOrString(this);
                } else {
                    ConfScalarLexer.lexBareString(this, at, new StringPart());
                }
            }
        }
    }

    private void lexArray(int openAt) throws ConfException {
        enter(openAt);
        while (true) {
            skipUnicodeSpace();
            int c = peek();
            if (skipComment()) {
                continue;
            }
            if (c == '/' || c == ',') {
                throw fail(pos, "expected an array element or ']'", charText(c));
            }
            if (c == ']') {
                emit(Type.ARRAY_END, "", pos);
                pos++;
                leave();
                return;
            }
            lexValue();
            if (endArrayElement()) {
                leave();
                return;
            }
        }
    }

    /** After an array element; returns true when the array's ']' was consumed. */
    private boolean endArrayElement() throws ConfException {
        while (true) {
            int at = pos;
            int c = next();
            if (c == '#' || (c == '/' && peek() == '/')) {
                pos = at;
                skipComment();
                continue;
            }
            if (isBlank(c)) {
                continue;
            }
            if (c == '/' || c == ',' || isNewLine(c)) {
                return false;
            }
            if (c == ']') {
                emit(Type.ARRAY_END, "", at);
                return true;
            }
            throw fail(at, c == EOF ? "array is not closed with ']' before the end of input" + swallowedBracketHint()
                    : "expected ',', a new line or ']' after an array element" + swallowedBracketHint(), charText(c));
        }
    }

    /** Explains the reference's rule that makes {@code [1]} fail, when the last element shows it happened. */
    private String swallowedBracketHint() {
        for (int i = out.size() - 1; i >= 0 && out.get(i).type() != Type.ARRAY_START; i--) {
            ConfToken token = out.get(i);
            String t = token.text();
            if (token.type() == Type.STRING && t.indexOf(']') > 0 && Character.isDigit(t.codePointAt(0))) {
                return " (the ']' in \"" + t + "\" was read as part of that value: as in nats-server, a number"
                        + " directly followed by ']' is not a number; put a ',' or a new line before the ']')";
            }
        }
        return "";
    }

    private void lexMap(int openAt) throws ConfException {
        enter(openAt);
        while (true) {
            int c = peek();
            if (c == '=' || c == ':') {
                throw fail(pos, "expected a map key but found a key separator", charText(c));
            }
            if (c == ']') {
                throw fail(pos, "unexpected ']' inside a map", "]");
            }
            if (isUnicodeSpace(c)) {
                pos++;
                continue;
            }
            if (c == '}') {
                emit(Type.MAP_END, "", pos);
                pos++;
                leave();
                return;
            }
            if (skipComment()) {
                continue;
            }
            if (c == EOF) {
                throw fail(openAt, "map is not closed with '}' before the end of input", "{");
            }
            boolean included = lexMapKey(c);
            if (!included) {
                lexMapValue();
            }
            if (endMapValue(openAt)) {
                leave();
                return;
            }
        }
    }

    /** Lexes a map key (or an include, then returns true). */
    private boolean lexMapKey(int c) throws ConfException {
        int keyAt = pos;
        if (c == '"' || c == '\'') {
            emit(Type.KEY, lexQuotedKey(c), keyAt);
            return false;
        }
        if (c == '/') {
            pos++;
            keyAt = pos;
        }
        pos = Math.min(pos + 1, cps.length);
        while (true) {
            int k = peek();
            if (k == EOF) {
                throw fail(keyAt, "map key is not followed by a value before the end of input", text(keyAt, pos));
            }
            if (isUnicodeSpace(k)) {
                if (isIncludeKeyword(keyAt)) {
                    lexInclude();
                    return true;
                }
                break;
            }
            if (k == '=' || k == ':') {
                break;
            }
            pos++;
        }
        emit(Type.KEY, text(keyAt, pos), keyAt);
        return false;
    }

    private void lexMapValue() throws ConfException {
        ConfToken key = out.getLast();
        skipUnicodeSpace();
        if (peek() == '=' || peek() == ':') {
            pos++;
        }
        skipUnicodeSpace();
        int c = peek();
        if (c == ',') {
            throw fail(pos, "expected a value for key '" + key.text() + "' but found ','", ",");
        }
        if (c == '}') {
            throw new ConfException(key.position(), "key '" + key.text() + "' has no value", key.text());
        }
        lexValue();
    }

    /** After a map value; returns true when the map's '}' was consumed. */
    private boolean endMapValue(int openAt) throws ConfException {
        while (true) {
            int at = pos;
            int c = next();
            if (c == '#' || (c == '/' && peek() == '/')) {
                pos = at;
                skipComment();
                continue;
            }
            if (isBlank(c)) {
                continue;
            }
            if (c == '/' || c == ';' || c == ',' || isNewLine(c)) {
                return false;
            }
            if (c == '}') {
                emit(Type.MAP_END, "", at);
                return true;
            }
            if (c == EOF) {
                throw fail(openAt, "map is not closed with '}' before the end of input", "{");
            }
            throw fail(at, "expected ',', ';', a new line or '}' after a map value", charText(c));
        }
    }

    private void lexSingleQuoted() throws ConfException {
        int openAt = pos;
        pos++;
        int start = pos;
        while (peek() != '\'') {
            if (peek() == EOF) {
                throw fail(openAt, "quoted string is not closed before the end of input", text(openAt, pos));
            }
            pos++;
        }
        emit(Type.STRING, text(start, pos), openAt);
        pos++;
    }

    private void lexDoubleQuoted() throws ConfException {
        int openAt = pos;
        pos++;
        StringPart part = new StringPart();
        while (true) {
            int c = peek();
            if (c == '"') {
                emit(Type.STRING, part.finish(), openAt);
                pos++;
                return;
            }
            if (c == EOF) {
                throw fail(openAt, "quoted string is not closed before the end of input", text(openAt, pos));
            }
            pos++;
            if (c == '\\') {
                ConfScalarLexer.lexEscape(this, part);
            } else {
                part.appendCodePoint(c);
            }
        }
    }

    /**
     * A block string: from after '(' to a ')' that stands alone at the start of a line, followed by a new
     * line or the end of input; the text keeps its first and last new line, as in the reference.
     */
    private void lexBlockString() throws ConfException {
        int openAt = pos;
        int start = pos + 1;
        for (int i = start; i < cps.length; i++) {
            if (cps[i] == ')' && cps[i - 1] == '\n' && (i + 1 == cps.length || cps[i + 1] == '\n')) {
                emit(Type.STRING, text(start, i), openAt);
                pos = i + 1;
                return;
            }
        }
        throw fail(openAt, "block string is not closed before the end of input"
                + " (a block ends with ')' alone at the start of a line)", "(");
    }

    // ---------------------------------------------------------------- helpers shared with ConfScalarLexer

    int peek() {
        return pos < cps.length ? cps[pos] : EOF;
    }

    /** Consumes and returns the next code point, or returns {@code EOF} without moving. */
    int next() {
        if (pos >= cps.length) {
            return EOF;
        }
        return cps[pos++];
    }

    int pos() {
        return pos;
    }

    void pos(int newPos) {
        this.pos = newPos;
    }

    String text(int from, int to) {
        return new String(cps, from, to - from);
    }

    void emit(Type type, String text, int at) {
        out.add(new ConfToken(type, text, position(at)));
    }

    ConfException fail(int at, String reason, String offending) {
        return new ConfException(position(at), reason, offending);
    }

    ConfPosition position(int at) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= at) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new ConfPosition(file, lo + 1, at - lineStarts[lo] + 1);
    }

    static String charText(int c) {
        return c == EOF ? "end of input" : Character.toString(c);
    }

    static boolean isEof(int c) {
        return c == EOF;
    }

    /** Space or tab: the blanks allowed inside a line. */
    static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    static boolean isNewLine(int c) {
        return c == '\n' || c == '\r';
    }

    /** White space as Unicode defines it (the White_Space property), new lines included. */
    static boolean isUnicodeSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 ->
                    true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    private void skipUnicodeSpace() {
        while (isUnicodeSpace(peek())) {
            pos++;
        }
    }

    /** Skips a '#' or '//' comment up to (not including) the end of its line; false if none is here. */
    private boolean skipComment() {
        int c = peek();
        boolean slashes = c == '/' && pos + 1 < cps.length && cps[pos + 1] == '/';
        if (c != '#' && !slashes) {
            return false;
        }
        while (peek() != EOF && !isNewLine(peek())) {
            pos++;
        }
        return true;
    }

    private void enter(int openAt) throws ConfException {
        if (++depth > MAX_NESTING) {
            throw fail(openAt, "nesting deeper than " + MAX_NESTING + " levels", charText(cps[openAt]));
        }
    }

    private void leave() {
        depth--;
    }

    private void rejectNul() throws ConfException {
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] == 0) {
                throw fail(i, "NUL character in configuration text", "\0");
            }
        }
    }

    private static int[] lineStarts(int[] cps) {
        int lines = 1;
        for (int c : cps) {
            if (c == '\n') {
                lines++;
            }
        }
        int[] starts = new int[lines];
        int n = 1;
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] == '\n') {
                starts[n++] = i + 1;
            }
        }
        return starts;
    }
}
