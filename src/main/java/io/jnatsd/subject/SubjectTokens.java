package io.jnatsd.subject;

/**
 * The tokens of a literal subject being matched, found once and turned into {@code String}s only when asked: a
 * trie walk needs a token's text only at levels that have literal children, and below a consumer's ack
 * subscription ({@code $JS.ACK.<stream>.<consumer>.*.*.*.*.*}) or a client's inbox ({@code _INBOX.<id>.*}) the
 * levels hold wildcards only, so most of a one-shot subject's tokens are never copied.
 *
 * <p>Not thread-safe: one walk uses it.
 */
final class SubjectTokens {
    private final String subject;
    /** Start of each token, and {@code length + 1} past the last one. */
    private final int[] starts;

    private SubjectTokens(String subject, int[] starts) {
        this.subject = subject;
        this.starts = starts;
    }

    /**
     * @param subject a subject
     * @return its tokens, or null when it is empty or has an empty token (it matches nothing)
     */
    static SubjectTokens of(String subject) {
        int length = subject.length();
        if (length == 0) {
            return null;
        }
        int n = Subjects.numTokens(subject);
        int[] starts = new int[n + 1];
        int start = 0;
        for (int i = 0; i < n; i++) {
            int end = Subjects.tokenEnd(subject, start);
            if (end == start) {
                return null;
            }
            starts[i] = start;
            start = end + 1;
        }
        starts[n] = length + 1;
        return new SubjectTokens(subject, starts);
    }

    /** @return the number of tokens */
    int size() {
        return starts.length - 1;
    }

    /**
     * @param i a token index
     * @return its text (a new String each call)
     */
    String token(int i) {
        return subject.substring(starts[i], starts[i + 1] - 1);
    }
}
