package io.jnatsd.testing;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link ErrorListener} that keeps what the client reports instead of printing it, so
 * that tests can assert on errors the server sent. Thread-safe.
 */
public final class QuietErrorListener implements ErrorListener {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Exception> exceptions = new CopyOnWriteArrayList<>();

    @Override
    public void errorOccurred(Connection conn, String error) {
        errors.add(error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        exceptions.add(exp);
    }

    /** The -ERR texts the server sent, in order. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    public List<Exception> exceptions() {
        return List.copyOf(exceptions);
    }
}
