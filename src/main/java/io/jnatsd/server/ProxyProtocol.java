package io.jnatsd.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Twin of {@code server/client_proxyproto.go}: with {@code proxy_protocol} on, a client
 * connection may start with a PROXY protocol v1 or v2 header naming the real client address,
 * which then stands for the socket's peer in logs and INFO. As in the reference, INFO goes out
 * before the header is read (without {@code client_ip}, which would be the proxy's), and a
 * connection whose first bytes are not a PROXY header is served as a plain client.
 */
final class ProxyProtocol {

    /** The client address the proxy reported, set once the header is read. */
    static final AttributeKey<InetSocketAddress> SOURCE = AttributeKey.valueOf("jnatsd.proxy.source");

    /** The first bytes of a v1 header. */
    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    /** The first bytes of the 12-byte v2 signature; as many as the v1 prefix, so one look decides. */
    private static final byte[] V2_PREFIX = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D};

    private static final String DECODER = PipelineNames.PROXY_PROTOCOL + "-decoder";
    private static final String SOURCE_RECORDER = PipelineNames.PROXY_PROTOCOL + "-source";

    private ProxyProtocol() {
    }

    static void addTo(ChannelPipeline pipeline) {
        pipeline.addLast(PipelineNames.PROXY_PROTOCOL, new HeaderSniffer());
        pipeline.addLast(DECODER, new HAProxyMessageDecoder());
        pipeline.addLast(SOURCE_RECORDER, new SourceRecorder());
    }

    /**
     * Looks at the first bytes: a PROXY header goes on to the decoder; anything else removes the
     * PROXY steps, and the bytes go to the client protocol unchanged. Stateful per channel.
     */
    static final class HeaderSniffer extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int seen = Math.min(in.readableBytes(), V1_PREFIX.length);
            boolean v1 = startsWith(in, V1_PREFIX, seen);
            boolean v2 = startsWith(in, V2_PREFIX, seen);
            if ((v1 || v2) && seen < V1_PREFIX.length) {
                return;
            }
            if (!v1 && !v2) {
                ctx.pipeline().remove(DECODER);
                ctx.pipeline().remove(SOURCE_RECORDER);
            }
            // Leaving the pipeline hands the bytes read so far to the next step.
            ctx.pipeline().remove(this);
        }

        private static boolean startsWith(ByteBuf in, byte[] prefix, int length) {
            for (int i = 0; i < length; i++) {
                if (in.getByte(in.readerIndex() + i) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
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

    /** Fired down the pipeline once the header is read, so the client can take the real address. */
    enum ProxyHeaderRead { INSTANCE }

    /** The client's address as logs show it: the one a trusted proxy reported, else the socket's peer. */
    static String remoteAddress(Channel channel) {
        InetSocketAddress a = peer(channel);
        return a == null ? String.valueOf(channel.remoteAddress()) : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** The client's address: the one a trusted proxy reported, else the socket's peer. */
    static InetSocketAddress peer(Channel channel) {
        InetSocketAddress proxied = channel.attr(SOURCE).get();
        if (proxied != null) {
            return proxied;
        }
        return channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
    }
}
