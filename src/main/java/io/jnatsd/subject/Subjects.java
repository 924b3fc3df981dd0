package io.jnatsd.subject;

/**
 * Twin of the subject helpers in `server/sublist.go`: validation, literal tests, wildcard matching and
 * token access for NATS subjects.
 *
 * <p>A subject is a list of tokens separated by {@code '.'}. A token that is exactly {@code "*"} is a
 * partial wildcard (one token); a token that is exactly {@code ">"} is a full wildcard (one or more trailing
 * tokens) and must be the last token. Wildcard characters inside a longer token ({@code "foo*"},
 * {@code ">bar"}) are plain characters, as in the reference.
 *
 * <p>Thread-safe: every method is static and stateless. Nothing here uses regular expressions or
 * allocates, except {@link #tokenAt} (which returns a substring).
 */
public final class Subjects {

    /** The token separator. */
    public static final char TOKEN_SEPARATOR = '.';
    /** The partial wildcard, matching exactly one token when it is a whole token. */
    public static final char PARTIAL_WILDCARD = '*';
    /** The full wildcard, matching one or more tokens when it is the whole last token. */
    public static final char FULL_WILDCARD = '>';

    private Subjects() {
    }

    /**
     * Whether {@code s} is a valid subject that may carry wildcards, as the reference {@code IsValidSubject}:
     * not empty, no empty token, no whitespace ({@code ' ', '\t', '\n', '\r', '\f'}), and nothing after a
     * {@code ">"} token.
     */
    public static boolean isValidSubject(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        int length = s.length();
        int tokenStart = 0;
        boolean afterFullWildcard = false;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? s.charAt(i) : TOKEN_SEPARATOR;
            if (c == TOKEN_SEPARATOR) {
                int tokenLength = i - tokenStart;
                if (tokenLength == 0 || afterFullWildcard) {
                    return false;
                }
                afterFullWildcard = tokenLength == 1 && s.charAt(tokenStart) == FULL_WILDCARD;
                tokenStart = i + 1;
            } else if (isSubjectWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #isValidSubject} plus the reference's rune check ({@code isValidSubject(subject, true)}, used when a
     * stored subject is read back): no NUL character and no U+FFFD, the character that a replacing UTF-8 decoder
     * puts where the bytes were not valid UTF-8.
     */
    public static boolean isValidSubjectStrict(String s) {
        return isValidSubject(s) && s.indexOf('\u0000') < 0 && s.indexOf('\uFFFD') < 0;
    }

    /**
     * Whether {@code s} has no empty token and no wildcard token, as the reference
     * {@code IsValidLiteralSubject}. Like the reference, this does not look for whitespace: callers that
     * need that also call {@link #isValidSubject} (or use {@link #isValidPublishSubject}).
     */
    public static boolean isValidLiteralSubject(String s) {
        if (s == null) {
            return false;
        }
        int length = s.length();
        int tokenStart = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || s.charAt(i) == TOKEN_SEPARATOR) {
                int tokenLength = i - tokenStart;
                if (tokenLength == 0 || tokenLength == 1 && isWildcardChar(s.charAt(tokenStart))) {
                    return false;
                }
                tokenStart = i + 1;
            }
        }
        return true;
    }

    /** Whether {@code s} is a valid subject without wildcard tokens (reference {@code IsValidPublishSubject}). */
    public static boolean isValidPublishSubject(String s) {
        return isValidSubject(s) && isLiteral(s);
    }

    /**
     * Whether {@code s} has no token that is exactly {@code "*"} or {@code ">"} (reference
     * {@code subjectIsLiteral}). Fast: does not check validity.
     */
    public static boolean isLiteral(String s) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            if (isWildcardChar(s.charAt(i))
                    && (i == 0 || s.charAt(i - 1) == TOKEN_SEPARATOR)
                    && (i + 1 == length || s.charAt(i + 1) == TOKEN_SEPARATOR)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the literal subject {@code literal} is matched by {@code pattern}, which may carry wildcards
     * (reference {@code matchLiteral}). {@code "*"} matches any one token, a final {@code ">"} matches one or
     * more remaining tokens; any other token must be equal. A {@code ">"} that is not the last token is an
     * ordinary token. No validity checks are made.
     */
    public static boolean matchLiteral(String literal, String pattern) {
        int literalLength = literal.length();
        int patternLength = pattern.length();
        if (literalLength == 0 || patternLength == 0) {
            return literalLength == patternLength;
        }
        int li = 0;
        int pi = 0;
        while (true) {
            if (li > literalLength) {
                return false;
            }
            int patternEnd = tokenEnd(pattern, pi);
            int patternTokenLength = patternEnd - pi;
            boolean lastPatternToken = patternEnd == patternLength;
            char first = pattern.charAt(pi);
            if (patternTokenLength == 1 && first == FULL_WILDCARD && lastPatternToken) {
                return true;
            }
            int literalEnd = tokenEnd(literal, li);
            boolean anyToken = patternTokenLength == 1 && first == PARTIAL_WILDCARD;
            if (!anyToken && (literalEnd - li != patternTokenLength
                    || !literal.regionMatches(li, pattern, pi, patternTokenLength))) {
                return false;
            }
            li = literalEnd + 1;
            if (lastPatternToken) {
                return li > literalLength;
            }
            pi = patternEnd + 1;
        }
    }

    /**
     * Whether every subject matched by {@code subject} is also matched by {@code test} (reference
     * {@code subjectIsSubsetMatch}); both may carry wildcards. So {@code foo.*} is a subset of {@code >},
     * {@code *.*} and {@code foo.*}, but not of {@code foo.bar}. Subjects with empty tokens give false.
     * Wildcards are only recognised as whole tokens (the reference also treats a test token that merely
     * starts with {@code '*'} as a wildcard; this twin does not).
     */
    public static boolean subjectIsSubsetMatch(String subject, String test) {
        int si = 0;
        int ti = 0;
        int subjectLength = subject.length();
        int testLength = test.length();
        while (ti <= testLength) {
            if (si > subjectLength) {
                return false;
            }
            int testEnd = tokenEnd(test, ti);
            int subjectEnd = tokenEnd(subject, si);
            int testTokenLength = testEnd - ti;
            int subjectTokenLength = subjectEnd - si;
            if (testTokenLength == 0) {
                return false;
            }
            if (isToken(test, ti, testEnd, FULL_WILDCARD)) {
                return true;
            }
            if (subjectTokenLength == 0 || isToken(subject, si, subjectEnd, FULL_WILDCARD)) {
                return false;
            }
            boolean testIsPartial = isToken(test, ti, testEnd, PARTIAL_WILDCARD);
            if (isToken(subject, si, subjectEnd, PARTIAL_WILDCARD)) {
                if (!testIsPartial) {
                    return false;
                }
            } else if (!testIsPartial && (subjectTokenLength != testTokenLength
                    || !subject.regionMatches(si, test, ti, testTokenLength))) {
                return false;
            }
            si = subjectEnd + 1;
            ti = testEnd + 1;
        }
        return si > subjectLength;
    }

    /**
     * Whether some literal subject is matched by both {@code a} and {@code b}, which may both carry wildcards
     * (reference {@code SubjectsCollide}). Used to find overlapping stream subjects, filters and imports.
     * Equal strings always collide; otherwise a subject with an empty token collides with nothing. Wildcards
     * are only recognised as whole tokens (the reference also lets a token that merely starts with
     * {@code '*'} or {@code '>'} match anything here).
     */
    public static boolean subjectsCollide(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        String[] left = split(a);
        String[] right = split(b);
        boolean leftFull = endsWithFullWildcard(left);
        boolean rightFull = endsWithFullWildcard(right);
        if (left.length != right.length) {
            boolean shorterHasFull = left.length < right.length ? leftFull : rightFull;
            if (!shorterHasFull) {
                return false;
            }
        }
        int common = Math.min(left.length, right.length);
        for (int i = 0; i < common; i++) {
            if (!tokensCanMatch(left[i], right[i])) {
                return false;
            }
        }
        return true;
    }

    /** The number of tokens in {@code s}: 0 for the empty string, else the number of dots plus one. */
    public static int numTokens(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == TOKEN_SEPARATOR) {
                dots++;
            }
        }
        return dots + 1;
    }

    /**
     * The token at the 1-based {@code index} (reference {@code tokenAt}), or {@code ""} when the index is
     * below 1 or past the last token.
     */
    public static String tokenAt(String s, int index) {
        if (index < 1) {
            return "";
        }
        int start = 0;
        for (int token = 1; token < index; token++) {
            int dot = s.indexOf(TOKEN_SEPARATOR, start);
            if (dot < 0) {
                return "";
            }
            start = dot + 1;
        }
        return s.substring(start, tokenEnd(s, start));
    }

    /** Splits at every dot, keeping empty tokens. */
    static String[] split(String s) {
        String[] tokens = new String[Math.max(1, numTokens(s))];
        int start = 0;
        for (int i = 0; i < tokens.length; i++) {
            int end = tokenEnd(s, start);
            tokens[i] = s.substring(start, end);
            start = end + 1;
        }
        return tokens;
    }

    private static boolean endsWithFullWildcard(String[] tokens) {
        String last = tokens[tokens.length - 1];
        return last.length() == 1 && last.charAt(0) == FULL_WILDCARD;
    }

    private static boolean tokensCanMatch(String left, String right) {
        if (left.isEmpty() || right.isEmpty()) {
            return false;
        }
        return isWildcardToken(left) || isWildcardToken(right) || left.equals(right);
    }

    private static boolean isWildcardToken(String token) {
        return token.length() == 1 && isWildcardChar(token.charAt(0));
    }

    /** The index of the next separator at or after {@code from}, or the length of {@code s}. */
    static int tokenEnd(String s, int from) {
        int dot = s.indexOf(TOKEN_SEPARATOR, from);
        return dot < 0 ? s.length() : dot;
    }

    /** Whether {@code s[start, end)} is exactly the one character {@code c}. */
    static boolean isToken(String s, int start, int end, char c) {
        return end - start == 1 && s.charAt(start) == c;
    }

    private static boolean isWildcardChar(char c) {
        return c == PARTIAL_WILDCARD || c == FULL_WILDCARD;
    }

    private static boolean isSubjectWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
