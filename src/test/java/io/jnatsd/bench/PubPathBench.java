package io.jnatsd.bench;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerTestAccess;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;

/**
 * The whole inbound publish path of one client (parse, match cache, routing, stats) with no
 * subscribers, as in the {@code pub} scenario, on an embedded channel so that no socket or
 * scheduler is measured. Score is per PUB.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.buffer.checkAccessible=false", "-Dio.netty.buffer.checkBounds=false",
        "-Dio.netty.leakDetection.level=disabled", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PubPathBench {

    private static final String ONE_PUB = "PUB foo.bar 16\r\n0123456789abcdef\r\n";

    private NatsServer server;
    private EmbeddedChannel channel;
    private ByteBuf read;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        server = new NatsServer(ServerOptions.builder().host("127.0.0.1").port(ServerOptions.RANDOM_PORT).build()).start();
        channel = ServerTestAccess.embeddedClient(server);
        channel.writeInbound(PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(
                "CONNECT {\"verbose\":false,\"pedantic\":false}\r\n".getBytes(StandardCharsets.US_ASCII)));
        read = PooledByteBufAllocator.DEFAULT.directBuffer(ParserBench.PUBS_PER_READ * ONE_PUB.length());
        byte[] one = ONE_PUB.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < ParserBench.PUBS_PER_READ; i++) {
            read.writeBytes(one);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        read.release();
        channel.finishAndReleaseAll();
        server.shutdown();
    }

    @Benchmark
    @OperationsPerInvocation(ParserBench.PUBS_PER_READ)
    public void publishOneRead() {
        // A fresh pooled direct buffer per read, as the epoll transport hands one over.
        ByteBuf copy = PooledByteBufAllocator.DEFAULT.directBuffer(read.readableBytes());
        copy.writeBytes(read, read.readerIndex(), read.readableBytes());
        channel.writeInbound(copy);
    }

    /** Runs the path in a loop for a profiler, without JMH: {@code java ... PubPathBench seconds}. */
    public static void main(String[] args) throws Exception {
        PubPathBench bench = new PubPathBench();
        bench.setUp();
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long reads = 0;
        while (System.nanoTime() < end) {
            bench.publishOneRead();
            reads++;
        }
        System.out.printf("%.1f M PUB/s%n", reads * ParserBench.PUBS_PER_READ / (seconds * 1e6));
        bench.tearDown();
    }
}
