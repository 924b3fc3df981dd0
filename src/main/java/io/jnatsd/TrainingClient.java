package io.jnatsd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The smallest NATS client the AOT training needs: it writes protocol ops into a buffer, and reads MSG and HMSG
 * one at a time, answering PING. What it wrote goes out whenever it is about to wait for the server, so a loop that
 * reads a message and answers it sends its answers in batches, as a real client does. Not thread-safe.
 */
final class TrainingClient implements AutoCloseable {

    /** A bound on every wait for the server: the build must not hang on a training that went wrong. */
    static final int READ_TIMEOUT_MILLIS = 30_000;
    /** What every training connection sends first: no +OK acks, headers on. */
    static final String CONNECT =
            "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"protocol\":1}\r\n";
    private static final byte[] CRLF = {'\r', '\n'};

    /** A message as delivered: headers null for MSG. */
    record Msg(String subject, String reply, byte[] headers, byte[] payload) {

        /** @return true for a status message (no payload, a "NATS/1.0 1xx" header line) */
        boolean isStatus() {
            return headers != null && payload.length == 0 && headers.length > 9 && headers[9] == '1';
        }

        /** @return the headers as text, or "" */
        String headerText() {
            return headers == null ? "" : new String(headers, StandardCharsets.US_ASCII);
        }

        /** @return the payload as text */
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] pending = new byte[64 * 1024];
    private int pendingLength;

    private TrainingClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to a server on the loopback address and sends CONNECT. */
    static TrainingClient connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        s.setTcpNoDelay(true);
        TrainingClient c = new TrainingClient(s);
        c.write(CONNECT);
        return c;
    }

    /** Queues protocol text. */
    void write(String ops) {
        append(ops.getBytes(StandardCharsets.US_ASCII));
    }

    /** Queues a PUB. */
    void publish(String subject, String reply, byte[] payload) {
        write("PUB " + subject + (reply == null ? "" : " " + reply) + " " + payload.length + "\r\n");
        append(payload);
        append(CRLF);
    }

    /** Sends what was queued. */
    void flush() throws IOException {
        if (pendingLength > 0) {
            out.write(pending, 0, pendingLength);
            out.flush();
            pendingLength = 0;
        }
    }

    /**
     * Reads up to the next MSG or HMSG, sending what was queued first when it has to wait.
     *
     * @throws IOException on -ERR, a closed connection or no message within {@link #READ_TIMEOUT_MILLIS}
     */
    Msg next() throws IOException {
        for (;;) {
            String line = readLine();
            if (line.startsWith("MSG ")) {
                String[] t = line.split(" ");
                return new Msg(t[1], t.length == 5 ? t[3] : null, null, readPayload(Integer.parseInt(t[t.length - 1])));
            }
            if (line.startsWith("HMSG ")) {
                String[] t = line.split(" ");
                int headerLength = Integer.parseInt(t[t.length - 2]);
                byte[] all = readPayload(Integer.parseInt(t[t.length - 1]));
                return new Msg(t[1], t.length == 6 ? t[3] : null, Arrays.copyOf(all, headerLength),
                        Arrays.copyOfRange(all, headerLength, all.length));
            }
            if (line.equals("PING")) {
                write("PONG\r\n");
            } else if (line.startsWith("-ERR")) {
                throw new IOException("server: " + line);
            }
            // INFO, +OK and PONG need nothing.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void append(byte[] b) {
        if (pendingLength + b.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + b.length));
        }
        System.arraycopy(b, 0, pending, pendingLength, b.length);
        pendingLength += b.length;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (;;) {
            int b = readByte();
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
    }

    private byte[] readPayload(int length) throws IOException {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) readByte();
        }
        readByte();
        readByte();
        return p;
    }

    private int readByte() throws IOException {
        if (pos == limit) {
            flush();
            limit = in.read(buf);
            pos = 0;
            if (limit < 0) {
                throw new IOException("the server closed the connection");
            }
        }
        return buf[pos++] & 0xff;
    }
}
