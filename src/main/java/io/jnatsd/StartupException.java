package io.jnatsd;

/** The server cannot start with what it was given; the message says why, for the operator. */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
