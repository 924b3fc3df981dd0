package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Input split at any byte must parse exactly as input read whole (Netty's testFragmentedDecode, made exhaustive). */
class ProtocolParserSplitTest {

    private static final String STREAM = "CONNECT {\"verbose\":false,\"headers\":true}\r\n"
            + "SUB foo.* q 1\r\n"
            + "PUB foo.bar reply.1 5\r\nhello\r\n"
            + "HPUB foo.hdr 18 23\r\nNATS/1.0\r\nA: B\r\n\r\nworld\r\n"
            + "PUB empty 0\r\n\r\n"
            + "ping\r\nPONG\r\n+OK\r\n"
            + "UNSUB 1 10\r\n"
            + "PUB big 40\r\n" + "x".repeat(40) + "\r\n"
            + "INFO {}\n";

    private static List<String> parseInPieces(byte[] input, int... cuts) {
        RecordingHandler handler = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(handler, 4096, 1 << 20);
        parser.setHeadersEnabled(true);
        int from = 0;
        List<Integer> points = new ArrayList<>();
        for (int c : cuts) {
            points.add(c);
        }
        points.add(input.length);
        try {
            for (int to : points) {
                if (to < from) {
                    continue;
                }
                ByteBuf piece = Unpooled.directBuffer(to - from + 1);
                piece.writeBytes(input, from, to - from);
                try {
                    if (parser.parse(piece) == ProtocolHandler.STOP) {
                        break;
                    }
                } finally {
                    piece.release();
                }
                from = to;
            }
        } finally {
            parser.release();
        }
        return handler.events;
    }

    @Test
    @Timeout(30)
    void shouldParseTheSame_whenSplitAtEveryBytePair() {
        byte[] input = STREAM.getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = parseInPieces(input);
        assertThat(whole).as(whole.toString()).hasSize(10).noneMatch(e -> e.startsWith("FAIL"));
        for (int a = 0; a <= input.length; a++) {
            assertThat(parseInPieces(input, a)).as("split at %d", a).isEqualTo(whole);
            for (int b = a; b <= input.length; b += 7) {
                assertThat(parseInPieces(input, a, b)).as("split at %d and %d", a, b).isEqualTo(whole);
            }
        }
    }

    @Test
    @Timeout(10)
    void shouldParseTheSame_whenFedOneByteAtATime() {
        byte[] input = STREAM.getBytes(StandardCharsets.ISO_8859_1);
        int[] cuts = new int[input.length];
        for (int i = 0; i < input.length; i++) {
            cuts[i] = i;
        }
        assertThat(parseInPieces(input, cuts)).isEqualTo(parseInPieces(input));
    }

    @Property(tries = 300)
    void shouldParseTheSame_forRandomChunkings(@ForAll @Size(max = 12) List<@IntRange(min = 0, max = 400) Integer> cuts) {
        byte[] input = STREAM.getBytes(StandardCharsets.ISO_8859_1);
        int[] sorted = cuts.stream().mapToInt(i -> Math.min(i, input.length)).sorted().toArray();
        assertThat(parseInPieces(input, sorted)).isEqualTo(parseInPieces(input));
    }
}
