package io.jnatsd.jetstream.store;

/**
 * Twin of the error variables in {@code server/store.go}: the error kinds a {@link StreamStore} reports, with the
 * reference's exact messages.
 */
public enum StoreError {
    /** The store has been stopped. */
    CLOSED("store is closed"),
    /** The sequence is within the stream's range but holds no message. */
    MSG_NOT_FOUND("no message found"),
    /** The sequence is past the last sequence, or no later message matches. */
    EOF("stream store EOF"),
    /** Discard new is set and the message limit is reached. */
    MAX_MSGS("maximum messages exceeded"),
    /** Discard new is set and the byte limit would be passed. */
    MAX_BYTES("maximum bytes exceeded"),
    /** Discard new per subject is set and the subject's limit is reached. */
    MAX_MSGS_PER_SUBJECT("maximum messages per subject exceeded"),
    /** A message is larger than a block can hold. */
    MSG_TOO_LARGE("message too large"),
    /** An explicit sequence does not follow the store's last sequence. */
    SEQUENCE_MISMATCH("expected sequence does not match store"),
    /** A lookup matched more results than the caller allows. */
    TOO_MANY_RESULTS("too many matching results for request"),
    /** The file store could not read or write its files. */
    IO("stream store I/O error");

    private final String message;

    StoreError(String message) {
        this.message = message;
    }

    /** @return the reference's error text */
    public String message() {
        return message;
    }
}
