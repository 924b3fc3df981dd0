package io.jnatsd.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain TCP client that speaks the NATS protocol by hand, for what the official client
 * hides: the exact lines the server sends, a peer that never answers PING, a subscriber that
 * stops reading, a PROXY header before anything else. Every read is bounded by a timeout.
 *
 * <p>Not thread-safe.
 */
public final class RawNatsSocket implements AutoCloseable {

    /** How long one read may block before the test fails. */
    public static final Duration READ_TIMEOUT_DEFAULT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawNatsSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port}; nothing is read yet. */
    public static RawNatsSocket open(int port) throws IOException {
        return open(port, 0);
    }

    /**
     * Connects with a fixed receive buffer ({@code receiveBufferBytes} > 0), so that a peer
     * that stops reading fills up quickly.
     */
    public static RawNatsSocket open(int port, int receiveBufferBytes) throws IOException {
        Socket s = new Socket();
        if (receiveBufferBytes > 0) {
            s.setReceiveBufferSize(receiveBufferBytes);
        }
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(TestServers.HOST, port), (int) READ_TIMEOUT_DEFAULT.toMillis());
        s.setSoTimeout((int) READ_TIMEOUT_DEFAULT.toMillis());
        return new RawNatsSocket(s);
    }

    /** Sends {@code text} as UTF-8, unchanged (the caller writes the CRLFs). */
    public RawNatsSocket send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawNatsSocket send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one line and returns it without its CRLF; fails on timeout or end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + line.size() + " bytes of a line: "
                        + line.toString(StandardCharsets.UTF_8));
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** Reads lines until one starts with {@code prefix} and returns it. */
    public String readLineStartingWith(String prefix) throws IOException {
        while (true) {
            String line = readLine();
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Reads the server's INFO line and returns its JSON. */
    public String readInfoJson() throws IOException {
        String line = readLine();
        if (!line.startsWith("INFO ")) {
            throw new IOException("expected INFO, got: " + line);
        }
        return line.substring("INFO ".length()).trim();
    }

    /**
     * Reads INFO, sends CONNECT with {@code connectJson} and a PING, and reads up to the PONG;
     * for a client of protocol 1 or more also the INFO that answers the first PING.
     */
    public RawNatsSocket handshake(String connectJson) throws IOException {
        readInfoJson();
        send("CONNECT " + connectJson + "\r\nPING\r\n");
        readLineStartingWith("PONG");
        if (JSON.readTree(connectJson).path("protocol").asInt() >= 1) {
            String info = readLine();
            if (!info.startsWith("INFO ") || !info.contains("\"connect_info\":true")) {
                throw new IOException("expected the connect_info INFO after the first PONG, got: " + info);
            }
        }
        return this;
    }

    /**
     * Reads and drops everything until the server closes the connection; returns the bytes
     * read. Fails if the server does not close within {@code timeout}.
     */
    public long awaitClosedByServer(Duration timeout) throws IOException {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        while (true) {
            long leftMillis = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                n = 0;
            } catch (SocketException e) {
                return total;
            }
            if (n < 0) {
                return total;
            }
            total += n;
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new IOException("server did not close the connection within " + timeout);
            }
        }
    }

    /** Sets the timeout of each read. */
    public RawNatsSocket readTimeout(Duration timeout) throws SocketException {
        socket.setSoTimeout((int) timeout.toMillis());
        return this;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
