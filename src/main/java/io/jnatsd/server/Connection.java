package io.jnatsd.server;

import io.jnatsd.account.Subscriber;
import io.jnatsd.account.Subscription;
import io.jnatsd.protocol.PubArgs;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The small core every connection kind shares (the reference's {@code client} struct, less
 * what belongs to one kind): an id, the channel, the outbound buffer and the message stats.
 * Kinds are subclasses; features talk to a connection through narrow interfaces and never
 * add methods here.
 */
public abstract class Connection implements Subscriber {

    private static final AttributeKey<Connection> KEY = AttributeKey.valueOf("jnatsd.connection");

    protected final long id;
    protected final Channel channel;
    protected final Outbound outbound;
    final AtomicLong outMsgs = new AtomicLong();
    final AtomicLong outBytes = new AtomicLong();
    long inMsgs;
    long inBytes;
    private final Queue<Runnable> writableWaiters = new ConcurrentLinkedQueue<>();

    protected Connection(long id, Channel channel, long maxPendingBytes, long writeDeadlineNanos) {
        this.id = id;
        this.channel = channel;
        this.outbound = new Outbound(channel, maxPendingBytes, writeDeadlineNanos, this::onSlowConsumer);
        channel.attr(KEY).set(this);
    }

    /** The connection bound to {@code channel}, or null. */
    public static Connection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    @Override
    public long connectionId() {
        return id;
    }

    public Outbound outbound() {
        return outbound;
    }

    public Channel channel() {
        return channel;
    }

    /**
     * Queues one message for {@code subscription}. Any thread.
     *
     * @return an {@link Outbound} status
     */
    abstract int deliver(Subscription subscription, PubArgs message);

    /** The outbound found this connection over max_pending or past its write deadline. Any thread. */
    protected abstract void onSlowConsumer(Outbound.SlowConsumerReason reason, long pendingBytes);

    /**
     * Runs {@code action} once this connection's channel can take writes again, or at once
     * if it already can. Used to resume publishers paused for this subscriber. Thread-safe.
     */
    void whenWritable(Runnable action) {
        writableWaiters.add(action);
        if (channel.isWritable() || !channel.isActive()) {
            runWritableWaiters();
        }
    }

    /** Runs and forgets the waiting actions. Thread-safe. */
    void runWritableWaiters() {
        Runnable r;
        while ((r = writableWaiters.poll()) != null) {
            r.run();
        }
    }

    /** Messages and bytes delivered to this connection. Thread-safe. */
    public long outMsgs() {
        return outMsgs.get();
    }

    public long outBytes() {
        return outBytes.get();
    }
}
