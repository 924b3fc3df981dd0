package io.jnatsd.jetstream.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the ustar archives {@link TarWriter} writes, entry by entry, checking each header's checksum. Only regular
 * files are accepted, as the reference's {@code RestoreStream} accepts only {@code tar.TypeReg}.
 *
 * <p>Threading: not thread-safe; one reader per archive.
 */
public final class TarReader {
    private final InputStream in;
    private long remaining;
    private long padding;
    private boolean ended;

    /**
     * One file of the archive.
     *
     * @param name the path inside the archive
     * @param size its length in bytes
     */
    public record Entry(String name, long size) {
    }

    /** @param in the archive (not closed here) */
    public TarReader(InputStream in) {
        this.in = in;
    }

    /**
     * Moves to the next entry, skipping what is left of the current one.
     *
     * @return the entry, or null at the end of the archive
     * @throws IOException when the archive is malformed or cut short
     */
    public Entry next() throws IOException {
        if (ended) {
            return null;
        }
        in.skipNBytes(remaining + padding);
        remaining = 0;
        padding = 0;
        byte[] h = new byte[TarWriter.BLOCK_BYTES];
        int n = in.readNBytes(h, 0, h.length);
        if (n == 0) {
            ended = true;
            return null;
        }
        if (n < h.length) {
            throw new EOFException("tar header cut short");
        }
        if (isZero(h)) {
            ended = true;
            return null;
        }
        if (parseOctal(h, TarWriter.CHECKSUM_OFFSET, 8) != TarWriter.checksum(h)) {
            throw new IOException("tar header checksum mismatch");
        }
        byte type = h[TarWriter.TYPE_OFFSET];
        if (type != TarWriter.TYPE_REGULAR && type != 0) {
            throw new IOException("unexpected tar entry type '" + (char) type + "'");
        }
        String name = cString(h, 0, TarWriter.NAME_BYTES);
        long size = parseOctal(h, TarWriter.SIZE_OFFSET, 12);
        remaining = size;
        long rest = size % TarWriter.BLOCK_BYTES;
        padding = rest == 0 ? 0 : TarWriter.BLOCK_BYTES - rest;
        return new Entry(name, size);
    }

    /**
     * @return the rest of the current entry
     * @throws IOException when cut short
     */
    public byte[] readAll() throws IOException {
        if (remaining > Integer.MAX_VALUE - 16) {
            throw new IOException("tar entry too large to hold in memory");
        }
        byte[] b = new byte[(int) remaining];
        readFully(b, 0, b.length);
        return b;
    }

    /**
     * Reads exactly {@code len} bytes of the current entry.
     *
     * @param b   destination
     * @param off offset
     * @param len length, at most what is left of the entry
     * @throws IOException when the entry or the archive ends first
     */
    public void readFully(byte[] b, int off, int len) throws IOException {
        if (len > remaining) {
            throw new EOFException("read past the end of a tar entry");
        }
        int n = in.readNBytes(b, off, len);
        if (n < len) {
            throw new EOFException("tar entry cut short");
        }
        remaining -= len;
    }

    /** @return bytes left in the current entry */
    public long remaining() {
        return remaining;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long parseOctal(byte[] h, int off, int len) throws IOException {
        long v = 0;
        boolean any = false;
        for (int i = off; i < off + len; i++) {
            byte c = h[i];
            if (c == 0 || (c == ' ' && any)) {
                break;
            }
            if (c == ' ') {
                continue;
            }
            if (c < '0' || c > '7') {
                throw new IOException("bad octal number in tar header");
            }
            v = (v << 3) | (c - '0');
            any = true;
        }
        return v;
    }
}
