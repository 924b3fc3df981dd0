package io.jnatsd.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;

/**
 * Twin of {@code server/client_proxyproto.go}: with {@code proxy_protocol} on, each client
 * connection starts with a PROXY protocol v1 or v2 header naming the real client address,
 * which then stands for the socket's peer in logs and INFO.
 */
final class ProxyProtocol {

    /** The client address the proxy reported, set once the header is read. */
    static final AttributeKey<InetSocketAddress> SOURCE = AttributeKey.valueOf("jnatsd.proxy.source");

    private ProxyProtocol() {
    }

    static void addTo(ChannelPipeline pipeline) {
        pipeline.addLast(PipelineNames.PROXY_PROTOCOL, new HAProxyMessageDecoder());
        pipeline.addLast(PipelineNames.PROXY_PROTOCOL + "-source", new SourceRecorder());
    }

    /** Records the header's source address and leaves the pipeline. Stateful per channel. */
    static final class SourceRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HAProxyMessage header) {
                try {
                    if (header.sourceAddress() != null) {
                        ctx.channel().attr(SOURCE).set(new InetSocketAddress(header.sourceAddress(), header.sourcePort()));
                    }
                } finally {
                    header.release();
                }
                ctx.pipeline().remove(this);
                ctx.fireUserEventTriggered(ProxyHeaderRead.INSTANCE);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Fired down the pipeline once the header is read, so the client can be started. */
    enum ProxyHeaderRead { INSTANCE }
}
