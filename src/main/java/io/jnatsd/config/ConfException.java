package io.jnatsd.config;

/**
 * A configuration source that could not be read or parsed: names the file, line and column, the offending
 * text when there is one, and the chain of includes that led to the file.
 *
 * <p>The message reads {@code nats.conf:3:5: expected ... but got 'x'}; for an error inside an included
 * file it goes on with {@code (included from nats.conf:1:9)}.
 */
public final class ConfException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Offending text is shown up to this many characters, then cut with an ellipsis. */
    private static final int SNIPPET_MAX_CHARS = 40;

    private final transient ConfPosition position;
    private final String reason;
    private final String offending;

    /**
     * @param position  where the problem is
     * @param reason    what is wrong, as a sentence without position
     * @param offending the offending text (token or character), or {@code null} when there is none
     */
    public ConfException(ConfPosition position, String reason, String offending) {
        this(position, reason, offending, null);
    }

    /**
     * @param position  where the problem is
     * @param reason    what is wrong, as a sentence without position
     * @param offending the offending text (token or character), or {@code null} when there is none
     * @param cause     the underlying error, or {@code null}
     */
    public ConfException(ConfPosition position, String reason, String offending, Throwable cause) {
        super(format(position, reason, offending), cause);
        this.position = position;
        this.reason = reason;
        this.offending = offending;
    }

    /** {@return where the problem is} */
    public ConfPosition position() {
        return position;
    }

    /** {@return what is wrong, without the position} */
    public String reason() {
        return reason;
    }

    /** {@return the offending text, or {@code null} when the problem has none} */
    public String offending() {
        return offending;
    }

    /**
     * Returns this error as seen from the file that included the failing file.
     *
     * @param includeSite where the {@code include} stands in the including file
     * @return a new exception with the same position and reason and the include site appended
     */
    ConfException includedFrom(ConfPosition includeSite) {
        return new ConfException(position, reason + " (included from " + includeSite + ")", offending, this);
    }

    private static String format(ConfPosition position, String reason, String offending) {
        StringBuilder sb = new StringBuilder();
        sb.append(position).append(": ").append(escapeControls(reason, Integer.MAX_VALUE));
        if (offending != null) {
            sb.append(" (at '").append(snippet(offending)).append("')");
        }
        return sb.toString();
    }

    /** Makes offending text printable: control characters escaped, long text cut. */
    static String snippet(String text) {
        return escapeControls(text, SNIPPET_MAX_CHARS);
    }

    private static String escapeControls(String text, int maxChars) {
        StringBuilder sb = new StringBuilder();
        int count = 0;
        for (int i = 0; i < text.length() && count < maxChars; i++, count++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (text.length() > maxChars) {
            sb.append("...");
        }
        return sb.toString();
    }
}
