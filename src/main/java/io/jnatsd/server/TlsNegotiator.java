package io.jnatsd.server;

import io.jnatsd.tls.ClientTls;
import io.jnatsd.tls.PinnedCerts;
import io.jnatsd.tls.TlsOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline step that decides when a client connection turns to TLS, as the TLS part of
 * {@code createClient} in {@code server/server.go} does: INFO goes out in plain text and the
 * client's first bytes start the handshake (with {@code allow_non_tls}, only a TLS record
 * does; anything else stays plain); with {@code handshake_first} the handshake comes before
 * INFO, and with a fallback delay a client that stays silent gets INFO first after all.
 *
 * <p>The step replaces itself by Netty's {@link SslHandler} (or removes itself for a plain
 * client) at the first read, so it costs nothing after that. Stateful: one per channel.
 */
final class TlsNegotiator extends ChannelInboundHandlerAdapter {

    /** The first byte of a TLS handshake record. */
    static final int TLS_HANDSHAKE_RECORD = 0x16;
    /** The reference's {@code ErrCertNotPinned}. */
    static final String CERT_NOT_PINNED = "certificate not pinned";

    /**
     * Fired down the pipeline: {@code SEND_INFO} when a handshake-first client stayed silent (send
     * INFO now), {@code THROTTLED} when {@code connection_rate_limit} refused its TLS session.
     */
    enum Event { SEND_INFO, THROTTLED }

    private final ClientTls tls;
    private final TlsOptions options;
    private boolean handshakeFirst;
    private ScheduledFuture<?> fallback;
    private boolean admissionChecked;
    private boolean throttled;

    TlsNegotiator(ClientTls tls) {
        this.tls = tls;
        this.options = tls.options();
        this.handshakeFirst = options.handshakeFirst();
    }

    /** Whether the connection's INFO waits for the TLS handshake (handshake first). Event loop only. */
    static boolean defersInfo(ChannelPipeline pipeline) {
        TlsNegotiator n = pipeline.get(TlsNegotiator.class);
        return n != null && n.handshakeFirst;
    }

    /** Whether the connection did its TLS handshake before INFO. Event loop only. */
    static boolean isTls(ChannelPipeline pipeline) {
        return pipeline.get(SslHandler.class) != null;
    }

    /** The client's certificate chain, empty without TLS or without a certificate. Event loop only. */
    static List<X509Certificate> peerCertificates(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return List.of();
        }
        try {
            return Arrays.stream(ssl.engine().getSession().getPeerCertificates())
                    .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    /** Whether the client's certificate passes the {@code pinned_certs} of {@code tls}. Event loop only. */
    static boolean passesPins(ClientTls tls, Channel channel) {
        return PinnedCerts.matches(tls.options().admission().pinnedCerts(), peerCertificates(channel));
    }

    /** Whether {@code cause} is a failed TLS handshake or a plain-text client on a TLS port. */
    static boolean isTlsFailure(Throwable cause) {
        return cause instanceof NotSslRecordException || cause instanceof SSLException
                || cause instanceof DecoderException && cause.getCause() instanceof SSLException;
    }

    /**
     * A failure the reference logs at debug only ({@code isClientProbeTLSHandshakeError}): a
     * plain-text client or a load balancer's probe, or a handshake that timed out.
     */
    static boolean isProbe(Throwable cause) {
        return cause instanceof NotSslRecordException || cause instanceof SslHandshakeTimeoutException
                || cause instanceof DecoderException && cause.getCause() instanceof NotSslRecordException
                || cause instanceof java.nio.channels.ClosedChannelException;
    }

    /**
     * Starts the clock: a handshake-first client has the fallback delay to start TLS; a client
     * that must speak TLS has the TLS timeout to start its handshake, as the reference's
     * handshake deadline starts with the connection. Only {@code allow_non_tls} waits freely.
     */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (handshakeFirst && !options.handshakeFirstFallback().isZero()) {
            fallback = ctx.executor().schedule(() -> fallBack(ctx),
                    options.handshakeFirstFallback().toNanos(), TimeUnit.NANOSECONDS);
        } else if (handshakeFirst || !options.allowNonTls()) {
            fallback = ctx.executor().schedule(() -> timedOut(ctx), options.timeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelActive();
        if (!options.allowNonTls()) {
            // TLS is certain: the rate limit is checked at once, after INFO, as the reference's createClient does.
            admit(ctx);
        }
    }

    /** Counts this client against {@code connection_rate_limit}, once; false (and THROTTLED fired) when refused. */
    private boolean admit(ChannelHandlerContext ctx) {
        if (!admissionChecked) {
            admissionChecked = true;
            throttled = !tls.admitConnection();
            if (throttled) {
                handlerRemoved(ctx);
                ctx.fireUserEventTriggered(Event.THROTTLED);
            }
        }
        return !throttled;
    }

    /** The client sent nothing within the TLS timeout: the handshake failed as if it had started. */
    private void timedOut(ChannelHandlerContext ctx) {
        fallback = null;
        if (ctx.channel().isActive() && !ctx.isRemoved()) {
            ctx.fireUserEventTriggered(new SslHandshakeCompletionEvent(
                    new SslHandshakeTimeoutException("handshake timed out after " + options.timeout().toMillis()
                            + "ms")));
        }
    }

    /** No ClientHello within the fallback delay: INFO first after all, then TLS as usual. */
    private void fallBack(ChannelHandlerContext ctx) {
        fallback = null;
        if (!ctx.channel().isActive() || ctx.isRemoved()) {
            return;
        }
        handshakeFirst = false;
        ctx.fireUserEventTriggered(Event.SEND_INFO);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (fallback != null) {
            fallback.cancel(false);
            fallback = null;
        }
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean looksLikeTls = buf.isReadable() && buf.getUnsignedByte(buf.readerIndex()) == TLS_HANDSHAKE_RECORD;
        ChannelPipeline p = ctx.pipeline();
        boolean toTls = looksLikeTls || handshakeFirst || !options.allowNonTls();
        if (throttled || toTls && !admit(ctx)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (toTls) {
            p.replace(this, PipelineNames.TLS, tls.newHandler(ctx.alloc()));
        } else {
            p.remove(this);
        }
        // A replaced context forwards to its replacement, a removed one to its old next: the TLS step or the parser.
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (fallback != null) {
            fallback.cancel(false);
            fallback = null;
        }
    }
}
