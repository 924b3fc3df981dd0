package io.jnatsd.jetstream.store;

import java.util.List;

/**
 * A subject filter with NATS wildcards: tokens split on '.', '*' matches one token, '&gt;' matches one or
 * more trailing tokens. Kept inside the store so that it depends on no other jnatsd room.
 *
 * <p>Immutable and thread-safe.
 */
public final class SubjectFilter {
    private static final SubjectFilter ALL = new SubjectFilter(">");

    private final String filter;
    private final String[] tokens;
    private final boolean literal;
    private final String literalPrefix;

    private SubjectFilter(String filter) {
        this.filter = filter;
        this.tokens = filter.split("\\.", -1);
        boolean wild = false;
        for (String t : tokens) {
            if (t.equals("*") || t.equals(">")) {
                wild = true;
                break;
            }
        }
        this.literal = !wild;
        this.literalPrefix = computeLiteralPrefix();
    }

    /**
     * @param filter the filter; null, "" and "&gt;" all match everything
     * @return the parsed filter
     */
    public static SubjectFilter of(String filter) {
        if (filter == null || filter.isEmpty() || filter.equals(">")) {
            return ALL;
        }
        return new SubjectFilter(filter);
    }

    /** @return true if this filter matches every subject */
    public boolean matchesAll() {
        return this == ALL;
    }

    /** @return true if the filter has no wildcard token */
    public boolean isLiteral() {
        return literal;
    }

    /**
     * @return the tokens before the first wildcard, each followed by '.', e.g. "a.b." for "a.b.*.c";
     *         "" when the filter starts with a wildcard; the whole text for a literal filter
     */
    public String literalPrefix() {
        return literalPrefix;
    }

    private String computeLiteralPrefix() {
        if (literal) {
            return filter;
        }
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            if (t.equals("*") || t.equals(">")) {
                break;
            }
            sb.append(t).append('.');
        }
        return sb.toString();
    }

    /** @return the filter text */
    public String text() {
        return filter;
    }

    /**
     * @param subject a literal subject
     * @return true if the filter matches it
     */
    public boolean matches(String subject) {
        if (this == ALL) {
            return true;
        }
        if (literal) {
            return filter.equals(subject);
        }
        int pos = 0;
        int len = subject.length();
        for (int i = 0; i < tokens.length; i++) {
            if (pos > len) {
                return false;
            }
            String t = tokens[i];
            if (t.equals(">")) {
                return i == tokens.length - 1 && pos < len;
            }
            int dot = subject.indexOf('.', pos);
            int end = dot < 0 ? len : dot;
            if (!t.equals("*") && !subject.regionMatches(pos, t, 0, t.length()) || !t.equals("*") && end - pos != t.length()) {
                return false;
            }
            if (t.equals("*") && end == pos) {
                return false;
            }
            pos = end + 1;
        }
        return pos == len + 1;
    }

    /**
     * @param filters several filters
     * @param subject a literal subject
     * @return true if any filter matches it
     */
    public static boolean anyMatches(List<SubjectFilter> filters, String subject) {
        for (SubjectFilter f : filters) {
            if (f.matches(subject)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return filter;
    }
}
