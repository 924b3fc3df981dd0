package io.jnatsd.tls.ocsp;

import io.jnatsd.tls.StaplingContexts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loopback OCSP responder that feeds the JDK's stapling (see {@code tls/StaplingContexts}):
 * it answers a request for a certificate a {@link StapleMonitor} watches with that monitor's
 * current staple, and anything else with 404. One per process (Netty, one daemon thread), started
 * with its first monitor and stopped with its last.
 *
 * <p>Thread-safe: {@link #register}/{@link #unregister} hold the class lock; lookups read a
 * concurrent map.
 */
final class StapleResponder {

    private static final String PATH = "/jnatsd-staple";
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final Map<String, StapleMonitor> MONITORS = new ConcurrentHashMap<>();
    private static EventLoopGroup group;
    private static Channel listener;

    private StapleResponder() {
    }

    static synchronized void register(StapleMonitor monitor) {
        if (listener == null) {
            group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jnatsd-ocsp-staple", true),
                    NioIoHandler.newFactory());
            try {
                listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new HttpServerCodec(),
                                        new HttpObjectAggregator(MAX_REQUEST_BYTES), new Answer());
                            }
                        }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                group.shutdownGracefully();
                group = null;
                throw new IllegalStateException("interrupted while starting the OCSP staple responder", e);
            }
            InetSocketAddress at = (InetSocketAddress) listener.localAddress();
            StaplingContexts.pointAt(URI.create("http://" + at.getAddress().getHostAddress() + ":" + at.getPort()
                    + PATH));
        }
        MONITORS.put(key(OcspCerts.issuerKeyHash(monitor.issuer()), monitor.leaf().getSerialNumber()), monitor);
    }

    static synchronized void unregister(StapleMonitor monitor) {
        MONITORS.values().remove(monitor);
        if (MONITORS.isEmpty() && listener != null) {
            listener.close().awaitUninterruptibly();
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            listener = null;
            group = null;
        }
    }

    private static String key(byte[] issuerKeyHash, BigInteger serial) {
        return HexFormat.of().formatHex(issuerKeyHash) + ":" + serial.toString(16);
    }

    /** One HTTP request, one answer, then close. */
    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            byte[] staple;
            try {
                staple = lookup(request(req));
            } catch (IOException | RuntimeException e) {
                staple = null;
            }
            FullHttpResponse resp = staple == null
                    ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND)
                    : new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                            Unpooled.wrappedBuffer(staple));
            resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, resp.content().readableBytes());
            if (staple != null) {
                resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/ocsp-response");
            }
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static byte[] request(FullHttpRequest req) {
        if (HttpMethod.POST.equals(req.method())) {
            return ByteBufUtil.getBytes(req.content());
        }
        String raw = URI.create(req.uri()).getRawPath().substring(PATH.length());
        String b64 = URLDecoder.decode(raw.startsWith("/") ? raw.substring(1) : raw, StandardCharsets.US_ASCII);
        return Base64.getDecoder().decode(b64);
    }
    /** The staple for the first CertID of the OCSPRequest, or null. */
    private static byte[] lookup(byte[] request) throws IOException {
        Der.Element tbs = Der.parse(request).children().getFirst();
        for (Der.Element field : tbs.children()) {
            if (field.tag() != Der.SEQUENCE) {
                continue;
            }
            for (Der.Element req : field.children()) {
                List<Der.Element> certId = req.children().getFirst().children();
                StapleMonitor m = MONITORS.get(key(certId.get(2).content(), certId.get(3).integer()));
                if (m != null) {
                    return m.stapleBytes();
                }
            }
        }
        return null;
    }
}
