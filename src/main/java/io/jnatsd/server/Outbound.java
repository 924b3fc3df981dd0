package io.jnatsd.server;

import io.jnatsd.protocol.AsciiNumbers;
import io.jnatsd.protocol.Ops;
import io.jnatsd.protocol.PubArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;

/**
 * Twin of the {@code outbound} half of {@code server/client.go} ({@code queueOutbound},
 * {@code flushOutbound}): the bytes waiting to be written to one connection.
 *
 * <p>Design note: publishers on any event loop append MSG lines and payloads here (a copy,
 * as the reference does); nothing is written until {@link #flush()}, which the publisher
 * calls once per read batch through {@link PendingFlushes}. The swap of the buffer into the
 * channel always runs on the target's own event loop, so one publisher's messages reach the
 * socket in the order it sent them. The slow-consumer policy is decided in one place,
 * {@link #admit(int)}. A batch that outgrows {@link #MAX_INITIAL_BUFFER_BYTES} is kept as a chain of
 * buffers, written with one gathering write, rather than grown: growing copies everything queued so far,
 * and a route or a subscriber fed by several publishers between two flushes can collect megabytes.
 *
 * <p>Thread-safe: appends take this object's monitor, held only for the copy.
 */
public final class Outbound {

    /** The bytes were queued. */
    public static final int ACCEPTED = 0;
    /** The bytes were queued, but the connection holds over three quarters of max_pending: slow the producer down. */
    public static final int STALLED = 1;
    /** Nothing was queued: the connection is over max_pending and is being closed as a slow consumer. */
    public static final int SLOW_CONSUMER = -1;
    /** Nothing was queued: the connection is closed. */
    public static final int CLOSED = -2;

    private static final int INITIAL_BUFFER_BYTES = 4096;
    /**
     * The largest buffer allocated up front: a new buffer takes the size of the last batch flushed (up to this),
     * so that a busy connection's batches are not grown, and copied, four or five times each.
     */
    private static final int MAX_INITIAL_BUFFER_BYTES = 64 * 1024;
    /** CR and LF as one big-endian short, written in one call. */
    private static final int CRLF_SHORT = ('\r' << 8) | '\n';

    private final Channel channel;
    private final EventLoop eventLoop;
    private final long maxPendingBytes;
    private final long stallBytes;
    private final SlowConsumerListener slowConsumerListener;
    private final Runnable flushTask = this::flushNow;

    private final WriteDeadline writeDeadline;

    private ByteBuf pending;
    /** Guarded by this: filled buffers queued ahead of {@link #pending}, oldest first. */
    private final ArrayDeque<ByteBuf> filled = new ArrayDeque<>();
    /** Guarded by this: the readable bytes of {@link #filled}. */
    private long filledBytes;
    /** Guarded by this: the size of the next buffer, from the last batch flushed. */
    private int nextBufferBytes = INITIAL_BUFFER_BYTES;
    private boolean flushScheduled;
    private boolean closed;
    /**
     * The {@link PendingFlushes} that last listed this outbound, or null: a hint that lets a publisher's batch skip
     * its duplicate check. Written by publishers' threads without the lock, through {@link #FLUSH_MARK} only.
     */
    @SuppressWarnings("unused")
    private PendingFlushes flushMark;
    /** Guarded by this: messages queued by the append methods (counted here, under the lock they take anyway). */
    private long appendedMsgs;
    /** Guarded by this: their message bytes (header and payload), as the connection's stats count them. */
    private long appendedBytes;

    private static final VarHandle FLUSH_MARK;

    static {
        try {
            FLUSH_MARK = MethodHandles.lookup().findVarHandle(Outbound.class, "flushMark", PendingFlushes.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return true if {@code batch} is the one that last listed this outbound (opaque read, see PendingFlushes) */
    boolean isFlushMarkedBy(PendingFlushes batch) {
        return FLUSH_MARK.getOpaque(this) == batch;
    }

    /** Marks this outbound as listed by {@code batch} (opaque write). */
    void setFlushMark(PendingFlushes batch) {
        FLUSH_MARK.setOpaque(this, batch);
    }

    /** Takes {@code batch}'s mark off, unless another batch has overwritten it. */
    void clearFlushMark(PendingFlushes batch) {
        FLUSH_MARK.compareAndExchange(this, batch, null);
    }

    /** Why a connection is a slow consumer, as the reference's closed states name it. */
    public enum SlowConsumerReason {
        /** More than max_pending bytes were waiting. */
        PENDING_BYTES,
        /** The socket took no bytes for write_deadline. */
        WRITE_DEADLINE
    }

    /** Told once when the connection turns out to be a slow consumer. */
    public interface SlowConsumerListener {
        void onSlowConsumer(SlowConsumerReason reason, long pendingBytes);
    }

    /**
     * @param writeDeadlineNanos how long the socket may take no bytes while bytes wait; 0 for no deadline
     */
    public Outbound(Channel channel, long maxPendingBytes, long writeDeadlineNanos,
                    SlowConsumerListener slowConsumerListener) {
        this.channel = channel;
        this.eventLoop = channel.eventLoop();
        this.maxPendingBytes = maxPendingBytes;
        this.stallBytes = maxPendingBytes / 4 * 3;
        this.slowConsumerListener = slowConsumerListener;
        this.writeDeadline = new WriteDeadline(channel, writeDeadlineNanos, this::onWriteDeadlineExceeded);
    }

    /** A reload changed {@code write_deadline}; 0 or less turns it off. Event loop only. */
    public void setWriteDeadlineNanos(long nanos) {
        writeDeadline.setDeadlineNanos(nanos);
    }

    /**
     * Queues {@code MSG|HMSG <subject> <sid> [reply] [<hdr>] <total>\r\n<message>\r\n} for one
     * subscription. The sizes are copied as the publisher wrote them. Thread-safe.
     *
     * @return {@link #ACCEPTED}, {@link #STALLED}, {@link #SLOW_CONSUMER} or {@link #CLOSED}
     */
    public int appendMsg(PubArgs msg, byte[] sid) {
        final ByteBuf args = msg.argBuf();
        final int headerSize = msg.headerSize();
        final int totalSize = msg.totalSize();
        final int replyLength = msg.replyLength();
        int size = 5 + msg.subjectLength() + 1 + sid.length + 1 + replyLength + 1
                + msg.headerSizeLength() + 1 + msg.totalSizeLength() + 2 + totalSize + 2;
        synchronized (this) {
            int status = admit(size);
            if (status < 0) {
                return status;
            }
            ByteBuf out = pending;
            writeMsgStart(out, headerSize >= 0 ? Ops.HMSG_PREFIX : Ops.MSG_PREFIX, msg, sid);
            if (headerSize >= 0) {
                out.writeBytes(args, msg.headerSizeOffset(), msg.headerSizeLength());
                out.writeByte(' ');
            }
            out.writeBytes(args, msg.totalSizeOffset(), msg.totalSizeLength());
            out.writeShort(CRLF_SHORT);
            out.writeBytes(msg.payloadBuf(), msg.payloadOffset(), totalSize);
            out.writeShort(CRLF_SHORT);
            appendedMsgs++;
            appendedBytes += totalSize;
            return status;
        }
    }

    /**
     * Queues {@code MSG <subject> <sid> [reply] <size>\r\n<payload>\r\n} for a subscriber that
     * did not ask for headers: the header block of an HPUB is left out, as the reference does.
     * Thread-safe.
     *
     * @return {@link #ACCEPTED}, {@link #STALLED}, {@link #SLOW_CONSUMER} or {@link #CLOSED}
     */
    public int appendMsgWithoutHeaders(PubArgs msg, byte[] sid) {
        final int payloadSize = msg.totalSize() - msg.headerSize();
        final int replyLength = msg.replyLength();
        int size = 4 + msg.subjectLength() + 1 + sid.length + 1 + replyLength + 1 + 10 + 2 + payloadSize + 2;
        synchronized (this) {
            int status = admit(size);
            if (status < 0) {
                return status;
            }
            ByteBuf out = pending;
            writeMsgStart(out, Ops.MSG_PREFIX, msg, sid);
            AsciiNumbers.writeDecimal(out, payloadSize);
            out.writeShort(CRLF_SHORT);
            out.writeBytes(msg.payloadBuf(), msg.payloadOffset() + msg.headerSize(), payloadSize);
            out.writeShort(CRLF_SHORT);
            appendedMsgs++;
            appendedBytes += payloadSize;
            return status;
        }
    }

    /**
     * Queues a message for a route: {@code RMSG|HMSG <account> <subject> [reply | + reply queues | | queues]
     * [hdr] <size>\r\n<message>\r\n} (the reference's {@code msgHeaderForRouteOrLeaf}). A route that
     * does not take headers gets an RMSG without the header block. Thread-safe.
     *
     * @param queues       queue names each followed by a space, in {@code queues[0, queuesLength)}; length 0 for none
     * @param peerHeaders  whether the route said it takes headers
     * @return {@link #ACCEPTED}, {@link #STALLED}, {@link #SLOW_CONSUMER} or {@link #CLOSED}
     */
    public int appendRoutedMsg(byte[] account, PubArgs msg, byte[] queues, int queuesLength, boolean peerHeaders) {
        final ByteBuf args = msg.argBuf();
        final int headerSize = msg.headerSize();
        final boolean withHeaders = headerSize > 0 && peerHeaders;
        final boolean strip = headerSize > 0 && !peerHeaders;
        final int replyLength = msg.replyLength();
        final int bodySize = strip ? msg.totalSize() - headerSize : msg.totalSize();
        int size = 5 + account.length + 1 + msg.subjectLength() + 3 + replyLength + 1 + queuesLength
                + msg.headerSizeLength() + 1 + 11 + 2 + bodySize + 2;
        synchronized (this) {
            int status = admit(size);
            if (status < 0) {
                return status;
            }
            ByteBuf out = pending;
            out.writeBytes(withHeaders ? Ops.HMSG_PREFIX : Ops.RMSG_PREFIX);
            if (account.length > 0) {
                // An empty account: a dedicated (pinned-account) route, whose RMSG leaves the account out.
                out.writeBytes(account);
                out.writeByte(' ');
            }
            out.writeBytes(args, msg.subjectOffset(), msg.subjectLength());
            out.writeByte(' ');
            if (queuesLength > 0) {
                if (replyLength > 0) {
                    out.writeByte('+');
                    out.writeByte(' ');
                    out.writeBytes(args, msg.replyOffset(), replyLength);
                    out.writeByte(' ');
                } else {
                    out.writeByte('|');
                    out.writeByte(' ');
                }
                out.writeBytes(queues, 0, queuesLength);
            } else if (replyLength > 0) {
                out.writeBytes(args, msg.replyOffset(), replyLength);
                out.writeByte(' ');
            }
            if (withHeaders) {
                out.writeBytes(args, msg.headerSizeOffset(), msg.headerSizeLength());
                out.writeByte(' ');
            }
            if (strip) {
                AsciiNumbers.writeDecimal(out, bodySize);
            } else {
                out.writeBytes(args, msg.totalSizeOffset(), msg.totalSizeLength());
            }
            out.writeShort(CRLF_SHORT);
            out.writeBytes(msg.payloadBuf(), msg.payloadOffset() + (strip ? headerSize : 0), bodySize);
            out.writeShort(CRLF_SHORT);
            appendedMsgs++;
            appendedBytes += msg.totalSize();
            return status;
        }
    }

    /** Writes {@code MSG|HMSG <subject> <sid> [reply] } up to the sizes. Caller holds this monitor. */
    private static void writeMsgStart(ByteBuf out, byte[] prefix, PubArgs msg, byte[] sid) {
        ByteBuf args = msg.argBuf();
        out.writeBytes(prefix);
        out.writeBytes(args, msg.subjectOffset(), msg.subjectLength());
        out.writeByte(' ');
        out.writeBytes(sid);
        out.writeByte(' ');
        int replyLength = msg.replyLength();
        if (replyLength > 0) {
            out.writeBytes(args, msg.replyOffset(), replyLength);
            out.writeByte(' ');
        }
    }

    /** Queues protocol bytes (PONG, +OK, -ERR, INFO). Thread-safe. */
    public int appendProto(byte[] proto) {
        synchronized (this) {
            int status = admit(proto.length);
            if (status >= 0) {
                pending.writeBytes(proto);
            }
            return status;
        }
    }

    /** Caller holds this monitor. Makes room for {@code size} bytes or says why not. */
    private int admit(int size) {
        if (closed) {
            return CLOSED;
        }
        ByteBuf out = pending;
        if (out == null) {
            out = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(nextBufferBytes, size));
            pending = out;
        } else if (out.writableBytes() < size && out.capacity() >= MAX_INITIAL_BUFFER_BYTES) {
            out = chainNewBuffer(out, size);
        }
        long total = out.readableBytes() + filledBytes + size + queuedInChannel();
        if (total > maxPendingBytes) {
            closed = true;
            releasePending();
            slowConsumerListener.onSlowConsumer(SlowConsumerReason.PENDING_BYTES, total);
            return SLOW_CONSUMER;
        }
        out.ensureWritable(size);
        return total > stallBytes ? STALLED : ACCEPTED;
    }

    /** Caller holds this monitor. Queues the full {@code out} and starts a new buffer after it. */
    private ByteBuf chainNewBuffer(ByteBuf out, int size) {
        filled.addLast(out);
        filledBytes += out.readableBytes();
        ByteBuf next = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(MAX_INITIAL_BUFFER_BYTES, size));
        pending = next;
        return next;
    }

    private long queuedInChannel() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** Messages the append methods queued (MSG, HMSG, RMSG; not protocol lines). Thread-safe. */
    public long appendedMsgs() {
        synchronized (this) {
            return appendedMsgs;
        }
    }

    /**
     * The message bytes of {@link #appendedMsgs()}: a subscriber's without a header block it did not ask for,
     * a route's as published. Thread-safe.
     */
    public long appendedBytes() {
        synchronized (this) {
            return appendedBytes;
        }
    }

    /** Bytes queued here and in the channel, not yet written to the socket. Thread-safe. */
    public long pendingBytes() {
        synchronized (this) {
            return (pending == null ? 0 : pending.readableBytes()) + filledBytes + queuedInChannel();
        }
    }

    /**
     * Hands what is queued to the channel. On the channel's event loop it writes at once;
     * from any other thread it schedules one write task, however often it is called before
     * that task runs. Thread-safe.
     */
    public void flush() {
        if (eventLoop.inEventLoop()) {
            flushNow();
            return;
        }
        synchronized (this) {
            if (flushScheduled || pending == null || closed) {
                return;
            }
            flushScheduled = true;
        }
        eventLoop.execute(flushTask);
    }

    private void flushNow() {
        ByteBuf out;
        ByteBuf[] chain = null;
        long bytes;
        synchronized (this) {
            flushScheduled = false;
            out = pending;
            if (out == null || !out.isReadable()) {
                return;
            }
            pending = null;
            bytes = out.readableBytes() + filledBytes;
            if (!filled.isEmpty()) {
                chain = filled.toArray(new ByteBuf[0]);
                filled.clear();
                filledBytes = 0;
            }
            nextBufferBytes = (int) Math.clamp(bytes, INITIAL_BUFFER_BYTES, MAX_INITIAL_BUFFER_BYTES);
        }
        // The channel takes ownership of each buffer and releases it once written (or on failure).
        if (chain != null) {
            for (ByteBuf b : chain) {
                channel.write(b, channel.voidPromise());
            }
        }
        channel.writeAndFlush(out, channel.voidPromise());
        writeDeadline.afterFlush(bytes);
    }

    /** Event loop only: the write deadline found the socket stuck. */
    private void onWriteDeadlineExceeded() {
        long queued = writeDeadline.queued();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            releasePending();
        }
        slowConsumerListener.onSlowConsumer(SlowConsumerReason.WRITE_DEADLINE, queued);
    }

    /** Drops what is queued and refuses further appends. Thread-safe; idempotent. */
    public void close() {
        synchronized (this) {
            closed = true;
            releasePending();
        }
        if (eventLoop.inEventLoop()) {
            writeDeadline.cancel();
        } else {
            eventLoop.execute(writeDeadline::cancel);
        }
    }

    /** Caller holds this monitor. */
    private void releasePending() {
        for (ByteBuf b; (b = filled.pollFirst()) != null; ) {
            b.release();
        }
        filledBytes = 0;
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
