package io.jnatsd.jetstream.consumer;

/** Thrown by the consumer room's control plane with the API error to answer. Immutable. */
public final class ConsumerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ConsumerError error;

    /** @param error the API error */
    public ConsumerException(ConsumerError error) {
        super(error.description(), null, false, false);
        this.error = error;
    }

    /** @return the API error */
    public ConsumerError error() {
        return error;
    }
}
