package io.jnatsd.server;

/** Lifecycle of a connection, as the reference's {@code closeConnection} flags. */
enum ConnectionState {
    OPEN,
    CLOSED;

    boolean closed() {
        return this == CLOSED;
    }
}
