package io.jnatsd.embed;

/** An embedded server could not start: a bad option or conf text, a port in use, an interrupt. */
public final class JnatsdStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JnatsdStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public JnatsdStartException(String message) {
        super(message);
    }
}
