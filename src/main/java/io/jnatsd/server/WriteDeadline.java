package io.jnatsd.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Twin of the write deadline in {@code flushOutbound} ({@code server/client.go}): a connection
 * whose socket takes no bytes at all for {@code write_deadline} while bytes wait is a slow
 * consumer, even when it holds less than max_pending.
 *
 * <p>Design note: Netty writes without blocking, so there is no write call to time out. The
 * deadline is a timer armed when a flush leaves bytes queued; when it fires, the connection
 * is cut only if the socket made no progress since it was armed.
 *
 * <p>Event loop only.
 */
final class WriteDeadline {

    private final Channel channel;
    private long deadlineNanos;
    private final Runnable onExceeded;
    private final Runnable checkTask = this::check;
    private ScheduledFuture<?> timer;
    private long bytesHandedOff;
    private long writtenAtArm;

    WriteDeadline(Channel channel, long deadlineNanos, Runnable onExceeded) {
        this.channel = channel;
        this.deadlineNanos = deadlineNanos;
        this.onExceeded = onExceeded;
    }

    /** A reload changed {@code write_deadline}; 0 or less turns the check off. Event loop only. */
    void setDeadlineNanos(long nanos) {
        deadlineNanos = nanos;
    }

    /** A flush gave {@code bytes} to the channel. */
    void afterFlush(long bytes) {
        bytesHandedOff += bytes;
        if (timer == null && deadlineNanos > 0 && queued() > 0) {
            arm();
        }
    }

    private void arm() {
        writtenAtArm = written();
        timer = channel.eventLoop().schedule(checkTask, deadlineNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (!channel.isActive() || queued() == 0) {
            return;
        }
        if (deadlineNanos <= 0) {
            return;
        }
        if (written() == writtenAtArm) {
            onExceeded.run();
            return;
        }
        arm();
    }

    /** Bytes waiting in the channel. */
    long queued() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private long written() {
        return bytesHandedOff - queued();
    }

    /** Stops the timer; the connection is closing. */
    void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
