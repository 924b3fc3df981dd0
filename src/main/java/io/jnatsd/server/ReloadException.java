package io.jnatsd.server;

/**
 * A configuration reload was refused; the running configuration is kept. The message is the
 * reference's error text, such as {@code config reload not supported for Port: old=4222, new=4333}.
 */
public final class ReloadException extends Exception {

    public ReloadException(String message) {
        super(message);
    }

    public ReloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
