package io.jnatsd.compress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.Arrays;
import java.util.List;

/**
 * Netty inbound step that reads the framed S2 (or Snappy) stream incrementally: it waits for each whole chunk,
 * checks it as {@link S2FrameReader} does (stream identifier first, checksum, reserved types refused, skippable
 * and padding chunks dropped) and passes the decoded bytes on.
 *
 * <p>Threading: one per channel; Netty calls it on the channel's event loop only.
 */
public final class S2ChannelDecoder extends ByteToMessageDecoder {

    private static final int HEADER_BYTES = 4;
    /** A chunk body: the checksum and at most a 4 MiB block, stored, or its (never larger) encoding. */
    private static final int MAX_CHUNK_BYTES = S2Frames.CHECKSUM_BYTES + S2BlockEncoder.maxEncodedLength(
            S2Frames.MAX_BLOCK_BYTES_S2);

    private boolean started;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws CorruptInputException {
        while (in.readableBytes() >= HEADER_BYTES) {
            int at = in.readerIndex();
            int type = in.getUnsignedByte(at);
            int len = in.getUnsignedMediumLE(at + 1);
            if (len > MAX_CHUNK_BYTES) {
                throw new CorruptInputException("chunk of " + len + " bytes is too large");
            }
            if (!started && type != S2Frames.CHUNK_STREAM_IDENTIFIER) {
                throw new CorruptInputException("stream does not start with a stream identifier");
            }
            if (in.readableBytes() < HEADER_BYTES + len) {
                return;
            }
            byte[] body = new byte[len];
            in.getBytes(at + HEADER_BYTES, body);
            in.skipBytes(HEADER_BYTES + len);
            byte[] data = chunk(type, body);
            if (data != null && data.length > 0) {
                out.add(Unpooled.wrappedBuffer(data));
            }
        }
    }

    private byte[] chunk(int type, byte[] body) throws CorruptInputException {
        switch (type) {
            case S2Frames.CHUNK_STREAM_IDENTIFIER -> {
                if (!Arrays.equals(body, S2Frames.MAGIC_S2) && !Arrays.equals(body, S2Frames.MAGIC_SNAPPY)) {
                    throw new CorruptInputException("unknown stream identifier");
                }
                started = true;
                return null;
            }
            case S2Frames.CHUNK_COMPRESSED, S2Frames.CHUNK_UNCOMPRESSED -> {
                return data(body, type == S2Frames.CHUNK_COMPRESSED);
            }
            default -> {
                if (type <= S2Frames.CHUNK_RESERVED_LAST) {
                    throw new CorruptInputException("reserved unskippable chunk type " + type);
                }
                return null;
            }
        }
    }

    private static byte[] data(byte[] body, boolean compressed) throws CorruptInputException {
        if (body.length < S2Frames.CHECKSUM_BYTES) {
            throw new CorruptInputException("data chunk shorter than its checksum");
        }
        int want = (body[0] & 0xFF) | (body[1] & 0xFF) << 8 | (body[2] & 0xFF) << 16 | (body[3] & 0xFF) << 24;
        byte[] data = compressed
                ? S2BlockDecoder.decode(body, S2Frames.CHECKSUM_BYTES, body.length - S2Frames.CHECKSUM_BYTES,
                        S2Frames.MAX_BLOCK_BYTES_S2)
                : Arrays.copyOfRange(body, S2Frames.CHECKSUM_BYTES, body.length);
        if (data.length > S2Frames.MAX_BLOCK_BYTES_S2) {
            throw new CorruptInputException("chunk larger than 4 MiB");
        }
        if (S2Frames.maskedCrc(data, 0, data.length) != want) {
            throw new CorruptInputException("chunk checksum mismatch");
        }
        return data;
    }
}
