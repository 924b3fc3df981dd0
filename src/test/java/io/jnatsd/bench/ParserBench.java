package io.jnatsd.bench;

import io.jnatsd.protocol.ParseFailure;
import io.jnatsd.protocol.ProtocolHandler;
import io.jnatsd.protocol.ProtocolParser;
import io.jnatsd.protocol.PubArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
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
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;

/**
 * Parser throughput: a 64 KB read of back-to-back 16-byte PUBs (the shape of the {@code pub}
 * scenario), parsed from a direct buffer as the epoll transport delivers it. Score is per PUB.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.buffer.checkAccessible=false", "-Dio.netty.buffer.checkBounds=false",
        "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ParserBench {

    private static final String ONE_PUB = "PUB foo.bar 16\r\n0123456789abcdef\r\n";
    /** A 64 KB read holds 1927 of the 34-byte PUBs. */
    static final int PUBS_PER_READ = 1927;

    private ByteBuf read;
    private ProtocolParser parser;
    private CountingHandler handler;

    @Setup(Level.Trial)
    public void setUp() {
        read = PooledByteBufAllocator.DEFAULT.directBuffer(PUBS_PER_READ * ONE_PUB.length());
        byte[] one = ONE_PUB.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < PUBS_PER_READ; i++) {
            read.writeBytes(one);
        }
        handler = new CountingHandler();
        parser = new ProtocolParser(handler, 4096, 1 << 20);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        read.release();
        parser.release();
    }

    @Benchmark
    @OperationsPerInvocation(PUBS_PER_READ)
    public void parsePubs(Blackhole bh) {
        parser.parse(read);
        bh.consume(handler.pubs);
    }

    /** Counts PUBs and touches the subject length, as a real handler would. */
    static final class CountingHandler implements ProtocolHandler {
        long pubs;

        @Override
        public int onConnect(ByteBuf buf, int offset, int length) {
            return CONTINUE;
        }

        @Override
        public int onInfo(ByteBuf buf, int offset, int length) {
            return CONTINUE;
        }

        @Override
        public int onPub(PubArgs args) {
            pubs += args.subjectLength();
            return CONTINUE;
        }

        @Override
        public int onSub(String subject, String queue, String sid) {
            return CONTINUE;
        }

        @Override
        public int onUnsub(String sid, long maxMsgs) {
            return CONTINUE;
        }

        @Override
        public int onPing() {
            return CONTINUE;
        }

        @Override
        public int onPong() {
            return CONTINUE;
        }

        @Override
        public void onParseFailure(ParseFailure failure, String detail) {
            throw new IllegalStateException(failure + ": " + detail);
        }
    }
}
