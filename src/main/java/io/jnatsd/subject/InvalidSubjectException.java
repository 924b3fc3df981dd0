package io.jnatsd.subject;

/**
 * Twin of {@code ErrInvalidSubject} in `server/sublist.go`: thrown when a subscription subject is not a valid
 * subject (empty token, whitespace, or a {@code ">"} that is not the last token).
 */
public final class InvalidSubjectException extends IllegalArgumentException {

    private final String subject;

    /** Creates the exception for {@code subject}, which is kept for {@link #subject()}. */
    public InvalidSubjectException(String subject) {
        super("sublist: invalid subject '" + subject + "'");
        this.subject = subject;
    }

    /** The subject that was rejected. */
    public String subject() {
        return subject;
    }
}
