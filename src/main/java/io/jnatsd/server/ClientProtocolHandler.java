package io.jnatsd.server;

import io.jnatsd.protocol.ProtocolErrors;
import io.jnatsd.protocol.ProtocolHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline step that feeds socket bytes to the client's parser and, after each read,
 * flushes every connection the read delivered to (the reference's readLoop with
 * {@code flushClients}). Stateful: one per channel, never shared.
 */
final class ClientProtocolHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientProtocolHandler.class);

    /** A publisher paused for a nearly full subscriber resumes after this long at the latest. */
    static final long STALL_MAX_MILLIS = 20;

    /** The event that ends a pause of the input (see {@link #hold}). */
    static final Object RESUME_INPUT = new Object();

    private final NatsServer server;
    private ClientConnection connection;
    /** Input not parsed yet while the connection waits (the auth callout); null when not paused. */
    private ByteBuf held;

    ClientProtocolHandler(NatsServer server) {
        this.server = server;
    }

    /** Registers the client and sends INFO (before any PROXY header, as the reference does). */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = server.acceptClient(ctx.channel());
        if (connection != null && (server.clientTls() == null || !TlsNegotiator.defersInfo(ctx.pipeline()))) {
            connection.start();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ProxyProtocol.ProxyHeaderRead.INSTANCE) {
            if (connection != null) {
                connection.onProxyHeaderRead();
            }
        } else if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (connection != null) {
                // A handshake whose certificate is not pinned fails as the reference's ErrCertNotPinned does.
                boolean pinned = !handshake.isSuccess() || TlsNegotiator.passesPins(server.clientTls(), ctx.channel());
                connection.onTlsHandshake(pinned ? handshake
                        : new SslHandshakeCompletionEvent(new SSLException(TlsNegotiator.CERT_NOT_PINNED)));
            }
        } else if (evt == RESUME_INPUT) {
            resume(ctx);
        } else if (evt == TlsNegotiator.Event.SEND_INFO) {
            if (connection != null) {
                connection.start();
            }
        } else if (evt == TlsNegotiator.Event.THROTTLED) {
            if (connection != null) {
                // connection_rate_limit refused its TLS session, as the reference's createClient does.
                connection.closeWithError(ProtocolErrors.TLS_THROTTLED, "Maximum Connections Exceeded");
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    /**
     * Parses one read and flushes what it delivered before the next read, as the reference's
     * readLoop does after each read of at most 64 KB: a subscriber never sees more than one
     * read's worth of messages queued before its first flush.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        ClientConnection c = connection;
        if (held != null) {
            held.writeBytes(buf);
            buf.release();
            return;
        }
        long startNanos = System.nanoTime();
        try {
            if (c != null && !c.state().closed() && c.parser().parse(buf) == ProtocolHandler.PAUSE) {
                hold(ctx, buf);
            }
        } finally {
            buf.release();
        }
        if (c != null) {
            endReadBatch(ctx, c, startNanos);
        }
    }

    private void endReadBatch(ChannelHandlerContext ctx, ClientConnection c, long startNanos) {
        c.endReadBatch();
        PendingFlushes flushes = c.flushes();
        flushes.flushAll();
        server.stats().readBatchLatency().record(System.nanoTime() - startNanos);
        NetworkConnection stalledOn = flushes.takeStalled();
        if (stalledOn != null && !c.state().closed()) {
            pauseReading(ctx, stalledOn);
        }
    }

    /** Stops reading from this publisher until the subscriber drains, bounded by {@link #STALL_MAX_MILLIS}. */
    private void pauseReading(ChannelHandlerContext ctx, NetworkConnection stalledOn) {
        ctx.channel().config().setAutoRead(false);
        Runnable resume = () -> ctx.channel().config().setAutoRead(true);
        stalledOn.whenWritable(resume);
        ctx.executor().schedule(resume, STALL_MAX_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * The parser paused: keep the rest of {@code buf} (a copy: the caller releases it) and read
     * nothing more until {@link #RESUME_INPUT}; what still arrives joins the held input.
     */
    private void hold(ChannelHandlerContext ctx, ByteBuf buf) {
        held = ctx.alloc().buffer(Math.max(buf.readableBytes(), 256));
        held.writeBytes(buf);
        ctx.channel().config().setAutoRead(false);
    }

    /** The connection may read again: the held input is parsed first, as one read. */
    private void resume(ChannelHandlerContext ctx) {
        ByteBuf input = held;
        if (input == null) {
            return;
        }
        held = null;
        ctx.channel().config().setAutoRead(true);
        channelRead(ctx, input);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && connection != null) {
            connection.runWritableWaiters();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (held != null) {
            held.release();
            held = null;
        }
        if (connection != null) {
            connection.onChannelClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ClientConnection c = connection;
        String prefix = c == null ? "" : c.logPrefix();
        if (TlsNegotiator.isTlsFailure(cause)) {
            LOG.debug("{}TLS error: {}", prefix, cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.debug("{}read error: {}", prefix, cause.getMessage());
        } else if (cause instanceof HAProxyProtocolException) {
            LOG.warn("{}Error reading PROXY protocol header: {}", prefix, cause.getMessage());
        } else {
            LOG.error("{}internal error, closing connection", prefix, cause);
        }
        if (c != null) {
            c.close("Read Error");
        } else {
            ctx.close();
        }
    }
}
