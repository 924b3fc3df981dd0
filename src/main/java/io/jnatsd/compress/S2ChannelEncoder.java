package io.jnatsd.compress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Netty outbound step that turns every buffer written into the framed S2 stream of {@link S2FrameWriter}: the
 * stream identifier before the first chunk, then the chunks of that write, flushed at once (the reference's
 * route writer, an {@code s2.Writer} flushed after each batch of pending bytes).
 *
 * <p>Threading: one per channel; Netty calls it on the channel's event loop only.
 */
public final class S2ChannelEncoder extends MessageToByteEncoder<ByteBuf> {

    private final Target target = new Target();
    private final S2FrameWriter writer;
    private byte[] scratch = new byte[0];

    public S2ChannelEncoder() {
        this(true);
    }

    /** @param compress false to store the chunks uncompressed (the reference's {@code s2_uncompressed} level) */
    public S2ChannelEncoder(boolean compress) {
        super(ByteBuf.class);
        this.writer = new S2FrameWriter(target, false, S2Frames.BLOCK_BYTES_DEFAULT);
        writer.setCompress(compress);
    }

    /** Whether later chunks are compressed or stored. Event loop only. */
    public void setCompress(boolean compress) {
        writer.setCompress(compress);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, ByteBuf out) throws IOException {
        int n = msg.readableBytes();
        if (n == 0) {
            return;
        }
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, Math.min(2 * scratch.length, S2Frames.BLOCK_BYTES_DEFAULT))];
        }
        msg.readBytes(scratch, 0, n);
        target.buf = out;
        try {
            writer.write(scratch, 0, n);
            writer.flush();
        } finally {
            target.buf = null;
        }
        if (scratch.length > S2Frames.BLOCK_BYTES_DEFAULT) {
            scratch = new byte[0];
        }
    }

    /** The buffer of the write being encoded. */
    private static final class Target extends OutputStream {
        private ByteBuf buf;

        @Override
        public void write(int b) {
            buf.writeByte(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buf.writeBytes(b, off, len);
        }
    }
}
