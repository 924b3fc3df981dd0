package io.jnatsd.server;

import io.jnatsd.account.Subscriber;
import io.jnatsd.account.Subscription;
import io.jnatsd.protocol.PubArgs;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The small core every connection kind shares (the reference's {@code client} struct, less
 * what belongs to one kind): an id and the message stats. Kinds are subclasses: those with a
 * socket extend {@link NetworkConnection}, the server's own clients are
 * {@link InternalConnection}s. Features talk to a connection through narrow interfaces and
 * never add methods here.
 */
public abstract class Connection implements Subscriber {

    protected final long id;
    protected final AtomicLong outMsgs = new AtomicLong();
    protected final AtomicLong outBytes = new AtomicLong();
    long inMsgs;
    long inBytes;

    protected Connection(long id) {
        this.id = id;
    }

    @Override
    public long connectionId() {
        return id;
    }

    /**
     * Hands one message to {@code subscription}: a network connection queues it and registers
     * its outbound in {@code flushes}; an internal one calls its handler. Publisher's thread.
     *
     * @return an {@link Outbound} status: negative when the message was not taken
     */
    protected abstract int deliver(Subscription subscription, PubArgs message, PendingFlushes flushes);

    /** Messages and bytes delivered to this connection. Thread-safe. */
    public long outMsgs() {
        return outMsgs.get();
    }

    public long outBytes() {
        return outBytes.get();
    }
}
