package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RMSG/HMSG/LMSG on a route dedicated to one account: no account name on the line (the reference's accName). */
class PinnedRouteArgsTest {

    private static final String STREAM = "RMSG foo 5\r\nhello\r\n"
            + "RMSG foo reply.1 2\r\nhi\r\n"
            + "RMSG foo + reply.2 q1 q2 3\r\nabc\r\n"
            + "RMSG foo | q1 1\r\nz\r\n"
            + "HMSG hdr 12 14\r\nNATS/1.0\r\n\r\nok\r\n"
            + "HMSG hdr + r q 12 12\r\nNATS/1.0\r\n\r\n\r\n"
            + "LMSG origin lm 0 2\r\nlm\r\n"
            + "PING\r\n";

    private static final List<String> EXPECTED = List.of(
            "RMSG  foo null [] -1 5 [hello]",
            "RMSG  foo reply.1 [] -1 2 [hi]",
            "RMSG  foo reply.2 [q1 q2] -1 3 [abc]",
            "RMSG  foo null [q1] -1 1 [z]",
            "RMSG  hdr null [] 12 14 [NATS/1.0\r\n\r\nok]",
            "RMSG  hdr r [q] 12 12 [NATS/1.0\r\n\r\n]",
            "RMSG  lm null [] -1 2 [lm]",
            "PING");

    private static List<String> parse(byte[] input, int cut, boolean accountInProtocol) {
        RecordingHandler handler = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(handler, ConnectionKind.ROUTER, 4096, 1 << 20);
        parser.setAccountInProtocol(accountInProtocol);
        try {
            for (int[] range : new int[][] {{0, cut}, {cut, input.length}}) {
                ByteBuf piece = Unpooled.buffer(range[1] - range[0] + 1);
                piece.writeBytes(input, range[0], range[1] - range[0]);
                try {
                    if (parser.parse(piece) == ProtocolHandler.STOP) {
                        break;
                    }
                } finally {
                    piece.release();
                }
            }
        } finally {
            parser.release();
        }
        return handler.events;
    }

    @Test
    void shouldReadSubjectFirst_whenRouteIsPinnedAndSplitAtEveryByte() {
        byte[] input = STREAM.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= input.length; cut++) {
            assertThat(parse(input, cut, false)).as("cut at %d", cut).isEqualTo(EXPECTED);
        }
    }

    @Test
    void shouldReadFirstTokenAsAccount_whenRouteIsNotPinned() {
        byte[] input = "RMSG acc foo 2\r\nhi\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parse(input, 0, true)).containsExactly("RMSG acc foo null [] -1 2 [hi]");
        assertThat(parse(input, 0, false)).containsExactly("RMSG  acc foo [] -1 2 [hi]");
    }
}
