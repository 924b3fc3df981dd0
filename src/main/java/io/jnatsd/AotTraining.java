package io.jnatsd;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A short, fixed workload that the build runs once, in a JVM writing an ahead-of-time cache
 * ({@code -XX:AOTCacheOutput}, JDK 25), so that later starts of {@code bin/jnatsd} load the
 * server's classes pre-linked and its hot methods with profiles already gathered: the JIT
 * then compiles the publish path sooner, which is most of what a fresh JVM loses in the
 * first seconds under load.
 *
 * <p>It starts a server on a random loopback port, drives it with plain sockets through the
 * ops clients send most (PUB, HPUB, SUB with and without queue, UNSUB, PING, request and
 * reply), and stops it. Bounded in time; nothing leaves the machine.
 */
final class AotTraining {

    /** Set in the environment of the build's training run. */
    static final String ENV = "JNATSD_AOT_TRAINING";
    static final long DURATION_MILLIS = 4_000;
    private static final int BATCH = 500;

    private AotTraining() {
    }

    static boolean requested() {
        return System.getenv(ENV) != null;
    }

    /** Runs the workload against an in-process server; returns the exit code. */
    static int run() throws IOException, InterruptedException {
        NatsServer server = new NatsServer(ServerOptions.builder().host("127.0.0.1")
                .port(ServerOptions.RANDOM_PORT).build()).start();
        try (Socket sub = new Socket("127.0.0.1", server.clientPort());
             Socket pub = new Socket("127.0.0.1", server.clientPort())) {
            Thread drain = Thread.ofPlatform().daemon().start(() -> drain(sub));
            OutputStream subOut = sub.getOutputStream();
            subOut.write(("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"protocol\":1}\r\n"
                    + "SUB train.> 1\r\nSUB train.q q 2\r\nSUB train.u 3\r\nUNSUB 3 10\r\nPING\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            subOut.flush();
            publish(pub, System.nanoTime() + DURATION_MILLIS * 1_000_000);
            drain.interrupt();
        } finally {
            server.shutdown();
        }
        return 0;
    }

    private static void publish(Socket pub, long deadlineNanos) throws IOException {
        OutputStream out = pub.getOutputStream();
        Thread.ofPlatform().daemon().start(() -> drain(pub));
        out.write("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"protocol\":1}\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            switch (i % 4) {
                case 0 -> batch.append("PUB train.a 16\r\n0123456789abcdef\r\n");
                case 1 -> batch.append("PUB train.q reply.1 5\r\nhello\r\n");
                case 2 -> batch.append("HPUB train.h 12 14\r\nNATS/1.0\r\n\r\nhi\r\n");
                default -> batch.append("PUB nobody.listens 3\r\nabc\r\n");
            }
        }
        byte[] bytes = batch.append("PING\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() - deadlineNanos < 0) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Reads and drops whatever the server sends, so that it never sees a slow consumer. */
    private static void drain(Socket socket) {
        byte[] buf = new byte[64 * 1024];
        try {
            InputStream in = socket.getInputStream();
            while (in.read(buf) >= 0) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (IOException closed) {
            // The socket closes when the training ends; there is nothing left to drain.
            return;
        }
    }
}
