package io.jnatsd.cluster.route;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;

/**
 * The pipeline step of a route: feeds socket bytes to the route's parser and, after each read,
 * flushes every connection the read delivered to (the reference's readLoop for routes).
 * Stateful: one per channel, never shared.
 */
final class RouteChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RouteChannelHandler.class);

    private final RouteModule module;
    private final URI url;
    private final boolean explicit;
    private RouteConnection route;

    /** @param url the URL dialled, or null for an accepted route */
    RouteChannelHandler(RouteModule module, URI url, boolean explicit) {
        this.module = module;
        this.url = url;
        this.explicit = explicit;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        route = module.newRoute(ctx.channel(), url, explicit);
        SslHandler tls = RouteTls.of(ctx.channel());
        if (route == null) {
            ctx.close();
        } else if (tls == null) {
            route.start();
        } else {
            RouteConnection r = route;
            tls.handshakeFuture().addListener(done -> onHandshake(r, done));
        }
        ctx.fireChannelActive();
    }

    /** The reference's route TLS step: nothing is sent before the handshake; a failed one closes the route. */
    private static void onHandshake(RouteConnection r, Future<?> done) {
        if (done.isSuccess()) {
            LOG.debug("{}TLS handshake complete", r.logPrefix());
            r.start();
        } else {
            LOG.error("{}TLS route handshake error: {}", r.logPrefix(), done.cause().getMessage());
            r.close("TLS Handshake Error");
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        RouteConnection r = route;
        try {
            if (r != null && !r.isClosed()) {
                r.parser().parse(buf);
            }
        } finally {
            buf.release();
        }
        if (r != null) {
            r.endReadBatch();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (route != null) {
            route.onChannelClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        RouteConnection r = route;
        String prefix = r == null ? "" : r.logPrefix();
        if (cause instanceof IOException || cause instanceof DecoderException) {
            LOG.debug("{}read error: {}", prefix, cause.getMessage());
        } else {
            LOG.error("{}internal error, closing route", prefix, cause);
        }
        if (r != null) {
            r.close("Read Error");
        } else {
            ctx.close();
        }
    }
}
