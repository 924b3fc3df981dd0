package io.jnatsd.jetstream.errors;

/**
 * A JetStream API failure carrying the reference's error: thrown by stream and consumer code, turned into
 * {@code {"error":{"code","err_code","description"}}} by the API layer.
 *
 * <p>Threading: immutable.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    /**
     * @param error       the error kind
     * @param description its filled description
     */
    public ApiException(ApiError error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    /** @return the error kind */
    public ApiError error() {
        return error;
    }

    /** @return the HTTP-like status */
    public int code() {
        return error.code();
    }

    /** @return the filled description */
    public String description() {
        return getMessage();
    }
}
