package io.jnatsd.server;

/**
 * A listener (client port, monitoring port, ...) could not be opened. The message is the
 * whole sentence the operator reads, in the reference's words for that listener.
 */
public final class ListenException extends IllegalStateException {

    public ListenException(String message, Throwable cause) {
        super(message, cause);
    }
}
