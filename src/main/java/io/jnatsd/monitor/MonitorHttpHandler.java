package io.jnatsd.monitor;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The pipeline step that answers monitoring requests: reads the path and query on the I/O
 * thread, answers on {@code worker} (building /connz waits for the client I/O threads), one
 * request of a connection after the other, and
 * writes the response back with the reference's headers ({@code Content-Type}, and
 * {@code Access-Control-Allow-Origin: *} as the current reference sends). Stateless, so one
 * instance serves every channel.
 */
@ChannelHandler.Sharable
final class MonitorHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorHttpHandler.class);
    /** The answer in progress on a channel: the next one waits for it, so pipelined requests are answered in order. */
    private static final AttributeKey<CompletableFuture<Void>> LAST_RESPONSE =
            AttributeKey.valueOf("jnatsd.monitor.last-response");

    private final MonitorEndpoints endpoints;
    private final Executor worker;

    MonitorHttpHandler(MonitorEndpoints endpoints, Executor worker) {
        this.endpoints = endpoints;
        this.worker = worker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            write(ctx, MonitorResponse.text(400, "400 Bad Request"), false, false);
            return;
        }
        String uri = request.uri();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = HttpMethod.HEAD.equals(request.method());
        String accept = request.headers().get(HttpHeaderNames.ACCEPT, "");
        CompletableFuture<Void> previous = ctx.channel().attr(LAST_RESPONSE).get();
        CompletableFuture<Void> after = previous == null ? CompletableFuture.completedFuture(null) : previous;
        ctx.channel().attr(LAST_RESPONSE).set(after.thenRunAsync(() -> respond(ctx, uri, accept, keepAlive, head),
                worker));
    }

    private void respond(ChannelHandlerContext ctx, String uri, String accept, boolean keepAlive, boolean head) {
        MonitorResponse r;
        try {
            QueryStringDecoder decoded = new QueryStringDecoder(uri);
            r = endpoints.handle(decoded.path(), new QueryParams(decoded.parameters()), accept);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r = MonitorResponse.text(503, "monitor shutting down");
        } catch (RuntimeException e) {
            LOG.error("Error serving monitoring request {}: {}", uri, e.toString());
            r = MonitorResponse.text(500, "internal error: " + e.getClass().getSimpleName());
        }
        write(ctx, r, keepAlive, head);
    }

    private static void write(ChannelHandlerContext ctx, MonitorResponse r, boolean keepAlive, boolean head) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(r.status());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Monitoring connection error: {}", cause.toString());
        ctx.close();
    }
}
