package io.jnatsd.config;

/**
 * One lexical item of the configuration language, as produced by {@link ConfLexer}.
 *
 * <p>Immutable, thread-safe.
 *
 * @param type     what kind of item
 * @param text     the item's text: a key or string with escapes resolved and quotes removed, the raw digits
 *                 and suffix of a number, a variable name without {@code $}, an include path; empty for
 *                 structural items
 * @param position where the item starts (for quoted items: the opening quote)
 */
public record ConfToken(Type type, String text, ConfPosition position) {

    /** Kinds of lexical items. */
    public enum Type {
        /** A key of a key/value pair. */
        KEY,
        /** A string value (quoted, bare or block string). */
        STRING,
        /** A bare {@code true/false/yes/no/on/off}, any case. */
        BOOL,
        /** An integer, possibly with a size suffix such as {@code 1k} or {@code 2GiB}. */
        INTEGER,
        /** A decimal number with a fraction. */
        FLOAT,
        /** An ISO 8601 Zulu date-time, {@code 2016-05-04T18:53:41Z}. */
        DATETIME,
        /** A {@code $name} reference; the text holds the name. */
        VARIABLE,
        /** An {@code include path} directive; the text holds the path. */
        INCLUDE,
        /** {@code [}. */
        ARRAY_START,
        /** {@code ]}. */
        ARRAY_END,
        /** {@code {} opening a map value. */
        MAP_START,
        /** {@code }} closing a map value. */
        MAP_END,
        /** End of input. */
        EOF
    }
}
