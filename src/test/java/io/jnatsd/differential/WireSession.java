package io.jnatsd.differential;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One raw client connection of a differential case: writes bytes as told and records every
 * byte the server sends, with reads bounded by the case's deadline. Not thread-safe.
 */
final class WireSession implements AutoCloseable {

    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LF = {'\n'};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long deadlineNanos;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final byte[] readBuffer = new byte[16 * 1024];
    private boolean closed;
    private boolean timedOut;
    private int pongsOwed;

    /** Connects and reads the server's greeting line (INFO), all before {@code deadlineNanos}. */
    WireSession(int port, long deadlineNanos) throws IOException {
        this.deadlineNanos = deadlineNanos;
        this.socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) Math.max(1, remainingMillis()));
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        readUntil(LF, 0);
    }

    /**
     * Writes {@code bytes}, {@code chunkBytes} at a time (0: at once); a server that already closed is noticed by the reads that follow.
     * Each line that starts with PING (any case) is counted as a PONG the server owes, so that
     * a later {@link #sync} waits for its own PONG and not for one of these.
     */
    void send(byte[] bytes, int chunkBytes) {
        pongsOwed += countPingLines(bytes);
        int step = chunkBytes > 0 ? chunkBytes : Math.max(1, bytes.length);
        try {
            for (int i = 0; i < bytes.length; i += step) {
                out.write(bytes, i, Math.min(step, bytes.length - i));
                out.flush();
            }
        } catch (IOException e) {
            // The server closed the connection: the next read sees the end of the stream.
        }
    }

    /** Sends PING and reads until the PONG that answers it (all PONGs owed so far), or until the server closes. */
    void sync() throws IOException {
        send(PING, 0);
        while (!closed && countPongs() < pongsOwed) {
            long left = remainingMillis();
            if (left <= 0 || !readOnce(left)) {
                timedOut |= !closed;
                return;
            }
        }
    }

    /** Counts PONG frames received so far. */
    private int countPongs() {
        int n = 0;
        for (String frame : WireFrames.split(received.toByteArray())) {
            if (frame.equals("PONG\\r\\n")) {
                n++;
            }
        }
        return n;
    }

    /** Lines of {@code bytes} (at the start or after LF) that begin with PING in any case. */
    static int countPingLines(byte[] bytes) {
        int n = 0;
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if ((i == 0 || bytes[i - 1] == '\n') && (bytes[i] | 0x20) == 'p' && (bytes[i + 1] | 0x20) == 'i'
                    && (bytes[i + 2] | 0x20) == 'n' && (bytes[i + 3] | 0x20) == 'g') {
                n++;
            }
        }
        return n;
    }

    /** Reads until the server closes the connection or the deadline passes. */
    void readToEnd() throws IOException {
        readUntil(null, 0);
    }

    /** Reads what arrives within {@code quietMillis} (bounded by the deadline), expecting nothing in particular. */
    void readQuiet(long quietMillis) throws IOException {
        long quietEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(quietMillis);
        while (!closed && quietEnd - System.nanoTime() > 0 && remainingMillis() > 0) {
            if (!readOnce(Math.min(remainingMillis(), TimeUnit.NANOSECONDS.toMillis(quietEnd - System.nanoTime()) + 1))) {
                return;
            }
        }
    }

    /** Reads until {@code marker} shows up at or after {@code from} (never, when null), EOF, or the deadline. */
    private void readUntil(byte[] marker, int from) throws IOException {
        while (!closed && (marker == null || indexOf(marker, from) < 0)) {
            long left = remainingMillis();
            if (left <= 0 || !readOnce(left)) {
                timedOut |= !closed;
                return;
            }
        }
    }

    /** One read with a timeout; false when it timed out. */
    private boolean readOnce(long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeoutMillis));
        try {
            int n = in.read(readBuffer);
            if (n < 0) {
                closed = true;
            } else {
                received.write(readBuffer, 0, n);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset after the server closed with our bytes unread: closed all the same.
            closed = true;
            return true;
        }
    }

    private int indexOf(byte[] marker, int from) {
        byte[] data = received.toByteArray();
        outer:
        for (int i = from; i <= data.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private long remainingMillis() {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    byte[] received() {
        return received.toByteArray();
    }

    boolean closed() {
        return closed;
    }

    boolean timedOut() {
        return timedOut;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
