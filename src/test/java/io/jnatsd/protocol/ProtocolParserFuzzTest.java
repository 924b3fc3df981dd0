package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random input, pure noise and mutations of a valid stream: the parser may refuse it,
 * but must never throw, and must report at most one failure and then stop.
 */
@Timeout(60)
class ProtocolParserFuzzTest {

    private static final long SEED = 0x6a6e617473L;
    private static final int RUNS = 20_000;
    private static final byte[] VALID = ("CONNECT {\"headers\":true}\r\nSUB a.b 1\r\nPUB a.b r 3\r\nabc\r\n"
            + "HPUB a 12 14\r\nNATS/1.0\r\n\r\nhi\r\nUNSUB 1 2\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ALPHABET = "PUBSHINGOKERC +-\r\n\t0123456789ab.*>{}\"".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldNeverThrow_onRandomBytes() {
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            byte[] input = new byte[random.nextInt(200)];
            for (int i = 0; i < input.length; i++) {
                input[i] = random.nextBoolean() ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            feed(input, random);
        }
    }

    @Test
    void shouldNeverThrow_onMutatedValidStreams() {
        Random random = new Random(SEED + 1);
        int failures = 0;
        for (int run = 0; run < RUNS; run++) {
            byte[] input = VALID.clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                input[random.nextInt(input.length)] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            if (feed(input, random).failure != null) {
                failures++;
            }
        }
        assertThat(failures).as("mutations must sometimes be refused").isPositive();
    }

    private static RecordingHandler feed(byte[] input, Random random) {
        RecordingHandler handler = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(handler, 64, 128);
        parser.setHeadersEnabled(random.nextBoolean());
        int from = 0;
        try {
            while (from < input.length) {
                int to = Math.min(input.length, from + 1 + random.nextInt(40));
                ByteBuf piece = Unpooled.wrappedBuffer(input, from, to - from);
                int status = parser.parse(piece);
                piece.release();
                if (status == ProtocolHandler.STOP) {
                    break;
                }
                from = to;
            }
        } finally {
            parser.release();
        }
        return handler;
    }
}
