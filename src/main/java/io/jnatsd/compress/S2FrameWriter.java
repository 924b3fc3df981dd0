package io.jnatsd.compress;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the framed S2 (or Snappy) stream format of {@link S2Frames}: the stream identifier, then one chunk per
 * block of buffered input, compressed if that saves bytes, stored otherwise.
 *
 * <p>Threading: not thread-safe; one writer per stream.
 */
public final class S2FrameWriter extends OutputStream {
    private final OutputStream out;
    private final boolean snappy;
    private final byte[] block;
    private int filled;
    private boolean headerWritten;
    private boolean closed;
    private boolean compress = true;

    /**
     * @param out        where the stream goes (closed by {@link #close()})
     * @param snappy     true for a Snappy-compatible stream ("sNaPpY", 64 KiB chunks, no repeat codes)
     * @param blockBytes uncompressed bytes per chunk (S2 at most 4 MiB; Snappy is fixed at 64 KiB)
     */
    public S2FrameWriter(OutputStream out, boolean snappy, int blockBytes) {
        if (blockBytes < 1 || blockBytes > S2Frames.MAX_BLOCK_BYTES_S2) {
            throw new IllegalArgumentException("block size out of range: " + blockBytes);
        }
        this.out = out;
        this.snappy = snappy;
        this.block = new byte[snappy ? Math.min(blockBytes, S2Frames.MAX_BLOCK_BYTES_SNAPPY) : blockBytes];
    }

    /**
     * @param out where the stream goes
     * @return an S2 writer with 1 MiB blocks
     */
    public static S2FrameWriter s2(OutputStream out) {
        return new S2FrameWriter(out, false, S2Frames.BLOCK_BYTES_DEFAULT);
    }

    /**
     * @param data     the whole input
     * @param snappy   true for a Snappy-compatible stream
     * @return the framed stream
     */
    public static byte[] compress(byte[] data, boolean snappy) {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream(data.length / 2 + 64);
        try (S2FrameWriter w = new S2FrameWriter(bos, snappy, S2Frames.BLOCK_BYTES_DEFAULT)) {
            w.write(data);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    /** Whether later chunks are compressed when that saves bytes (the default), or always stored as they are. */
    public void setCompress(boolean v) {
        compress = v;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        int o = off;
        int left = len;
        while (left > 0) {
            int n = Math.min(left, block.length - filled);
            System.arraycopy(b, o, block, filled, n);
            filled += n;
            o += n;
            left -= n;
            if (filled == block.length) {
                writeChunk();
            }
        }
    }

    /** Writes buffered input as a chunk and flushes the underlying stream. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        writeChunk();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    private void writeChunk() throws IOException {
        if (!headerWritten) {
            header(S2Frames.CHUNK_STREAM_IDENTIFIER, S2Frames.MAGIC_S2.length);
            out.write(snappy ? S2Frames.MAGIC_SNAPPY : S2Frames.MAGIC_S2);
            headerWritten = true;
        }
        if (filled == 0) {
            return;
        }
        int crc = S2Frames.maskedCrc(block, 0, filled);
        byte[] enc = compress ? S2BlockEncoder.encode(block, 0, filled, !snappy) : null;
        boolean compressed = enc != null && enc.length < filled - filled / 32;
        int bodyLen = compressed ? enc.length : filled;
        header(compressed ? S2Frames.CHUNK_COMPRESSED : S2Frames.CHUNK_UNCOMPRESSED,
            S2Frames.CHECKSUM_BYTES + bodyLen);
        out.write(new byte[] {(byte) crc, (byte) (crc >>> 8), (byte) (crc >>> 16), (byte) (crc >>> 24)});
        if (compressed) {
            out.write(enc);
        } else {
            out.write(block, 0, filled);
        }
        filled = 0;
    }

    private void header(int type, int len) throws IOException {
        out.write(new byte[] {(byte) type, (byte) len, (byte) (len >>> 8), (byte) (len >>> 16)});
    }
}
