package io.jnatsd;

import io.jnatsd.cluster.route.RouteModule;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A short, fixed workload that the build runs once, in a JVM writing an ahead-of-time cache
 * ({@code -XX:AOTCacheOutput}, JDK 25), so that later starts of {@code bin/jnatsd} load the
 * server's classes pre-linked and its hot methods with profiles already gathered: the JIT
 * then compiles the publish path sooner, which is most of what a fresh JVM loses in the
 * first seconds under load.
 *
 * <p>Three phases, each on in-process servers on random loopback ports driven with plain sockets:
 * one server alone, through the ops clients send most (PUB, HPUB, SUB with and without queue,
 * UNSUB, PING, request and reply); then two servers joined by a route, the publisher on one and
 * plain and queue subscribers on the other (and a local one), so that the route paths (forwarding,
 * RMSG, fan-out from a route) are profiled too. In both phases subscriptions come and go while
 * messages flow, so that the profiles show the match caches being cleared and refilled: a profile
 * without it makes the JIT compile those branches as traps, and the first new subscription of a
 * real run then throws the hot methods back to the interpreter. The third is JetStream's
 * ({@link AotJetStreamTraining}). Bounded in time; nothing leaves the machine.
 */
final class AotTraining {

    /** Set in the environment of the build's training run. */
    static final String ENV = "JNATSD_AOT_TRAINING";
    static final long ALONE_MILLIS = 2_000;
    static final long CLUSTER_MILLIS = 3_000;
    private static final int BATCH = 500;

    private AotTraining() {
    }

    static boolean requested() {
        return System.getenv(ENV) != null;
    }

    /** Runs the workload against in-process servers; returns the exit code. */
    static int run() throws IOException, InterruptedException {
        alone();
        clustered();
        new AotJetStreamTraining(AotJetStreamTraining.ROUNDS, AotJetStreamTraining.MESSAGES).run();
        return 0;
    }

    private static void alone() throws IOException, InterruptedException {
        NatsServer server = new NatsServer(ServerOptions.builder().host("127.0.0.1")
                .port(ServerOptions.RANDOM_PORT).build()).start();
        try {
            drive(server, server, ALONE_MILLIS);
        } finally {
            server.shutdown();
        }
    }

    private static void clustered() throws IOException, InterruptedException {
        ClusterOptions cluster = ClusterOptions.NONE.withName("aot-training").withListen("127.0.0.1", -1);
        NatsServer seed = new NatsServer(ServerOptions.builder().host("127.0.0.1")
                .port(ServerOptions.RANDOM_PORT).cluster(cluster).build()).start();
        NatsServer other = null;
        try {
            int routePort = seed.module(RouteModule.class).orElseThrow().routePort();
            other = new NatsServer(ServerOptions.builder().host("127.0.0.1").port(ServerOptions.RANDOM_PORT)
                    .cluster(cluster.withRoutes(List.of(URI.create("nats-route://127.0.0.1:" + routePort))))
                    .build()).start();
            drive(seed, other, CLUSTER_MILLIS);
        } finally {
            if (other != null) {
                other.shutdown();
            }
            seed.shutdown();
        }
    }

    /** Publishes on {@code pubServer} for {@code millis}, with the subscribers on {@code subServer}. */
    private static void drive(NatsServer pubServer, NatsServer subServer, long millis) throws IOException {
        try (Socket sub = new Socket("127.0.0.1", subServer.clientPort());
             Socket sub2 = new Socket("127.0.0.1", subServer.clientPort());
             Socket local = new Socket("127.0.0.1", pubServer.clientPort());
             Socket pub = new Socket("127.0.0.1", pubServer.clientPort())) {
            Thread drain = Thread.ofPlatform().daemon().start(() -> drain(sub));
            Thread drain2 = Thread.ofPlatform().daemon().start(() -> drain(sub2));
            Thread drainLocal = Thread.ofPlatform().daemon().start(() -> drain(local));
            write(sub, TrainingClient.CONNECT + "SUB train.> 1\r\nSUB train.q q 2\r\nSUB train.u 3\r\nUNSUB 3 10\r\n"
                    + "SUB train.a 4\r\nPING\r\n");
            write(sub2, TrainingClient.CONNECT + "SUB train.a 1\r\nSUB train.q q 2\r\nSUB train.a 3\r\nPING\r\n");
            write(local, TrainingClient.CONNECT + "SUB train.l 1\r\nPING\r\n");
            publish(pub, sub, local, System.nanoTime() + millis * 1_000_000);
            drain.interrupt();
            drain2.interrupt();
            drainLocal.interrupt();
        }
    }

    private static void publish(Socket pub, Socket churnRemote, Socket churnLocal, long deadlineNanos)
            throws IOException {
        OutputStream out = pub.getOutputStream();
        Thread.ofPlatform().daemon().start(() -> drain(pub));
        out.write(TrainingClient.CONNECT.getBytes(StandardCharsets.US_ASCII));
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            switch (i % 5) {
                case 0 -> batch.append("PUB train.a 16\r\n0123456789abcdef\r\n");
                case 1 -> batch.append("PUB train.q reply.1 5\r\nhello\r\n");
                case 2 -> batch.append("HPUB train.h 12 14\r\nNATS/1.0\r\n\r\nhi\r\n");
                case 3 -> batch.append("PUB train.l 4\r\nhere\r\n");
                default -> batch.append("PUB nobody.listens 3\r\nabc\r\n");
            }
        }
        byte[] bytes = batch.append("PING\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; System.nanoTime() - deadlineNanos < 0; round++) {
            out.write(bytes);
            out.flush();
            if (round % 8 == 0) {
                // New and withdrawn interest on both sides: every match cache is cleared and refilled.
                String sid = Integer.toString(100 + round);
                churn(churnRemote, round, sid);
                churn(churnLocal, round, sid);
            }
        }
    }

    /** A subscription made and withdrawn; a subscriber the server dropped (too slow) just stops churning. */
    private static void churn(Socket socket, int round, String sid) {
        try {
            write(socket, "SUB churn." + round + " " + sid + "\r\nUNSUB " + sid + "\r\n");
        } catch (IOException dropped) {
            // Only the profile is at stake: the publishing goes on without this subscriber.
            return;
        }
    }

    private static void write(Socket socket, String ops) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(ops.getBytes(StandardCharsets.US_ASCII));
        out.flush();
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
