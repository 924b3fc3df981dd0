package io.jnatsd.jetstream.store;

/**
 * Thrown by a {@link StreamStore} operation; {@link #error()} names the reference error.
 *
 * <p>Misses ({@link StoreError#EOF}, {@link StoreError#MSG_NOT_FOUND}) are expected on the read
 * path, so the exception carries no stack trace unless it wraps a cause.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final StoreError error;

    /**
     * @param error the error kind
     */
    public StoreException(StoreError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /**
     * @param error the error kind
     * @param cause the underlying failure, usually an {@link java.io.IOException}
     */
    public StoreException(StoreError error, Throwable cause) {
        super(error.message() + ": " + cause.getMessage(), cause, false, true);
        this.error = error;
    }

    /** @return the error kind */
    public StoreError error() {
        return error;
    }
}
