package io.jnatsd.compress;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the framed S2 or Snappy stream format of {@link S2Frames}: checks the identifier, decodes and checks each
 * data chunk, skips padding and skippable chunks (the S2 seek index among them), refuses reserved ones. Streams
 * may be concatenated (the identifier may appear again).
 *
 * <p>Threading: not thread-safe; one reader per stream.
 */
public final class S2FrameReader extends InputStream {
    private final InputStream in;
    private final byte[] header = new byte[S2Frames.CHUNK_HEADER_BYTES];
    private byte[] chunk = new byte[0];
    private int chunkPos;
    private boolean started;

    /** @param in the framed stream (closed by {@link #close()}) */
    public S2FrameReader(InputStream in) {
        this.in = in;
    }

    /**
     * @param framed a whole framed stream
     * @return its uncompressed content
     * @throws IOException if it is not a valid stream
     */
    public static byte[] decompress(byte[] framed) throws IOException {
        try (S2FrameReader r = new S2FrameReader(new java.io.ByteArrayInputStream(framed))) {
            return r.readAllBytes();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (chunkPos == chunk.length) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(len, chunk.length - chunkPos);
        System.arraycopy(chunk, chunkPos, b, off, n);
        chunkPos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** @return false at a clean end of the stream */
    private boolean nextChunk() throws IOException {
        int got = in.readNBytes(header, 0, header.length);
        if (got == 0) {
            return false;
        }
        if (got < header.length) {
            throw new EOFException("chunk header cut short");
        }
        int type = header[0] & 0xFF;
        int len = (header[1] & 0xFF) | (header[2] & 0xFF) << 8 | (header[3] & 0xFF) << 16;
        if (!started && type != S2Frames.CHUNK_STREAM_IDENTIFIER) {
            throw new CorruptInputException("stream does not start with a stream identifier");
        }
        byte[] body = in.readNBytes(len);
        if (body.length < len) {
            throw new EOFException("chunk of type " + type + " cut short");
        }
        switch (type) {
            case S2Frames.CHUNK_STREAM_IDENTIFIER -> checkIdentifier(body);
            case S2Frames.CHUNK_COMPRESSED -> setChunk(body, true);
            case S2Frames.CHUNK_UNCOMPRESSED -> setChunk(body, false);
            default -> {
                if (type <= S2Frames.CHUNK_RESERVED_LAST) {
                    throw new CorruptInputException("reserved unskippable chunk type " + type);
                }
            }
        }
        return true;
    }

    private void checkIdentifier(byte[] body) throws CorruptInputException {
        if (!java.util.Arrays.equals(body, S2Frames.MAGIC_S2)
            && !java.util.Arrays.equals(body, S2Frames.MAGIC_SNAPPY)) {
            throw new CorruptInputException("unknown stream identifier");
        }
        started = true;
    }

    private void setChunk(byte[] body, boolean compressed) throws CorruptInputException {
        if (body.length < S2Frames.CHECKSUM_BYTES) {
            throw new CorruptInputException("data chunk shorter than its checksum");
        }
        int want = (body[0] & 0xFF) | (body[1] & 0xFF) << 8 | (body[2] & 0xFF) << 16 | (body[3] & 0xFF) << 24;
        byte[] data;
        if (compressed) {
            data = S2BlockDecoder.decode(body, S2Frames.CHECKSUM_BYTES, body.length - S2Frames.CHECKSUM_BYTES,
                S2Frames.MAX_BLOCK_BYTES_S2);
        } else {
            data = java.util.Arrays.copyOfRange(body, S2Frames.CHECKSUM_BYTES, body.length);
            if (data.length > S2Frames.MAX_BLOCK_BYTES_S2) {
                throw new CorruptInputException("uncompressed chunk larger than 4 MiB");
            }
        }
        if (S2Frames.maskedCrc(data, 0, data.length) != want) {
            throw new CorruptInputException("chunk checksum mismatch");
        }
        chunk = data;
        chunkPos = 0;
    }
}
