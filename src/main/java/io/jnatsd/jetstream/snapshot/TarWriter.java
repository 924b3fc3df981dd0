package io.jnatsd.jetstream.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX ustar archive of regular files, the container the reference's snapshots use ({@code archive/tar}
 * in {@code server/filestore.go}'s {@code streamSnapshot}).
 *
 * <pre>
 * per file:  header (512 bytes)  |  content  |  zero padding to a multiple of 512
 * header:    0 name[100]  100 mode[8]  108 uid[8]  116 gid[8]  124 size[12] (octal)  136 mtime[12]
 *            148 chksum[8]  156 typeflag ('0')  257 magic "ustar\0"  263 version "00"
 * end:       two zero blocks
 * </pre>
 *
 * <p>Threading: not thread-safe; one writer per archive.
 */
public final class TarWriter implements AutoCloseable {
    static final int BLOCK_BYTES = 512;
    static final int NAME_BYTES = 100;
    static final int SIZE_OFFSET = 124;
    static final int CHECKSUM_OFFSET = 148;
    static final int TYPE_OFFSET = 156;
    static final int MAGIC_OFFSET = 257;
    static final byte TYPE_REGULAR = '0';

    private final OutputStream out;
    private boolean closed;

    /** @param out where the archive goes (closed by {@link #close()}) */
    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * @param name    the path inside the archive, at most 100 bytes
     * @param content the file's bytes
     * @throws IOException on a write failure
     */
    public void add(String name, byte[] content) throws IOException {
        out.write(header(name, content.length, System.currentTimeMillis() / 1000));
        out.write(content);
        pad(content.length);
    }

    /**
     * Adds a file whose content is read from a stream of known length.
     *
     * @param name    the path inside the archive
     * @param length  exactly how many bytes {@code content} gives
     * @param content the bytes
     * @throws IOException on a read or write failure, or when {@code content} ends early
     */
    public void add(String name, long length, InputStream content) throws IOException {
        out.write(header(name, length, System.currentTimeMillis() / 1000));
        long copied = content.transferTo(out);
        if (copied != length) {
            throw new IOException("tar entry " + name + ": expected " + length + " bytes, got " + copied);
        }
        pad(length);
    }

    private void pad(long length) throws IOException {
        int rest = (int) (length % BLOCK_BYTES);
        if (rest != 0) {
            out.write(new byte[BLOCK_BYTES - rest]);
        }
    }

    static byte[] header(String name, long size, long mtimeSeconds) {
        byte[] h = new byte[BLOCK_BYTES];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length > NAME_BYTES) {
            throw new IllegalArgumentException("tar entry name too long: " + name);
        }
        System.arraycopy(n, 0, h, 0, n.length);
        octal(h, 100, 8, 0600);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, SIZE_OFFSET, 12, size);
        octal(h, 136, 12, mtimeSeconds);
        h[TYPE_OFFSET] = TYPE_REGULAR;
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, MAGIC_OFFSET, 8);
        for (int i = 0; i < 8; i++) {
            h[CHECKSUM_OFFSET + i] = ' ';
        }
        octal(h, CHECKSUM_OFFSET, 7, checksum(h));
        return h;
    }

    static long checksum(byte[] h) {
        long sum = 0;
        for (int i = 0; i < BLOCK_BYTES; i++) {
            boolean inField = i >= CHECKSUM_OFFSET && i < CHECKSUM_OFFSET + 8;
            sum += inField ? ' ' : h[i] & 0xFF;
        }
        return sum;
    }

    /** Writes {@code value} as zero-padded octal digits in {@code width - 1} bytes, then a NUL. */
    private static void octal(byte[] h, int off, int width, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > width - 1) {
            throw new IllegalArgumentException("tar field too small for " + value);
        }
        int pad = width - 1 - digits.length();
        for (int i = 0; i < pad; i++) {
            h[off + i] = '0';
        }
        for (int i = 0; i < digits.length(); i++) {
            h[off + pad + i] = (byte) digits.charAt(i);
        }
        h[off + width - 1] = 0;
    }

    /** Writes the end-of-archive blocks and closes the output. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.write(new byte[2 * BLOCK_BYTES]);
        out.close();
    }
}
