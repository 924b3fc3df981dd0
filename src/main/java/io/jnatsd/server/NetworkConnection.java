package io.jnatsd.server;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A connection with a socket: the channel, its {@link Outbound} and the publishers waiting for
 * it to drain. Per-connection state hangs off the channel through {@link #of(Channel)}.
 */
public abstract class NetworkConnection extends Connection {

    private static final AttributeKey<NetworkConnection> KEY = AttributeKey.valueOf("jnatsd.connection");

    protected final Channel channel;
    protected final Outbound outbound;
    private final Queue<Runnable> writableWaiters = new ConcurrentLinkedQueue<>();

    protected NetworkConnection(long id, Channel channel, long maxPendingBytes, long writeDeadlineNanos) {
        super(id);
        this.channel = channel;
        this.outbound = new Outbound(channel, maxPendingBytes, writeDeadlineNanos, this::onSlowConsumer);
        channel.attr(KEY).set(this);
    }

    /** The connection bound to {@code channel}, or null. */
    public static NetworkConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    /** Messages delivered: counted by the outbound as it queues them. Thread-safe. */
    @Override
    public long outMsgs() {
        return super.outMsgs() + outbound.appendedMsgs();
    }

    @Override
    public long outBytes() {
        return super.outBytes() + outbound.appendedBytes();
    }

    public Outbound outbound() {
        return outbound;
    }

    public Channel channel() {
        return channel;
    }

    /**
     * After an append: a message that was taken makes this connection's outbound part of the
     * publisher's batch, and a nearly full outbound pauses the publisher after the batch.
     */
    protected final int registerAppend(int status, PendingFlushes flushes) {
        if (status >= 0) {
            flushes.add(outbound);
            if (status == Outbound.STALLED) {
                flushes.noteStalled(this);
            }
        }
        return status;
    }

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
}
