package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The route ops of the parser (RS+, RS-, RMSG, HMSG, LS+, LMSG) and the kind table that gates them. */
class RouteOpsParserTest {

    private static final String STREAM = "INFO {\"server_id\":\"N\"}\r\n"
            + "RS+ $G foo\r\n"
            + "RS+ $G bar.* workers 3\r\n"
            + "RS- $G foo\r\n"
            + "LS+ leafc $G baz\r\n"
            + "RMSG $G foo 5\r\nhello\r\n"
            + "RMSG $G foo reply.1 2\r\nhi\r\n"
            + "RMSG $G foo + reply.2 q1 q2 3\r\nabc\r\n"
            + "RMSG $G foo | q1 1\r\nz\r\n"
            + "HMSG $G hdr 12 14\r\nNATS/1.0\r\n\r\nok\r\n"
            + "HMSG $G hdr + r q 12 12\r\nNATS/1.0\r\n\r\n\r\n"
            + "LMSG origin $G lm 0 2\r\nlm\r\n"
            + "PING\r\n";

    private static final List<String> EXPECTED = List.of(
            "INFO {\"server_id\":\"N\"}",
            "RS+ $G foo",
            "RS+ $G bar.* workers 3",
            "RS- $G foo",
            "LS+ leafc $G baz",
            "RMSG $G foo null [] -1 5 [hello]",
            "RMSG $G foo reply.1 [] -1 2 [hi]",
            "RMSG $G foo reply.2 [q1 q2] -1 3 [abc]",
            "RMSG $G foo null [q1] -1 1 [z]",
            "RMSG $G hdr null [] 12 14 [NATS/1.0\r\n\r\nok]",
            "RMSG $G hdr r [q] 12 12 [NATS/1.0\r\n\r\n]",
            "RMSG $G lm null [] -1 2 [lm]",
            "PING");

    private static List<String> parse(ConnectionKind kind, byte[] input, int cut) {
        RecordingHandler handler = new RecordingHandler();
        ProtocolParser parser = new ProtocolParser(handler, kind, 4096, 1 << 20);
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
    void shouldParseRouteOpsAlike_whenSplitAtEveryByte() {
        byte[] input = STREAM.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= input.length; cut++) {
            assertThat(parse(ConnectionKind.ROUTER, input, cut)).as("cut at %d", cut).isEqualTo(EXPECTED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "RS+ $G foo\r\n",
            "RS- $G foo\r\n",
            "RMSG $G foo 1\r\nx\r\n",
            "HMSG $G foo 12 12\r\nNATS/1.0\r\n\r\n\r\n",
            "LS+ $G foo\r\n",
            "A+ $G\r\n"})
    void shouldFailAsUnknownOperation_whenClientSendsRouteOp(String op) {
        byte[] input = ("CONNECT {}\r\n" + op).getBytes(StandardCharsets.ISO_8859_1);
        List<String> events = parse(ConnectionKind.CLIENT, input, input.length);
        assertThat(events).containsExactly("CONNECT {}", "FAIL UNKNOWN_OPERATION");
    }

    @Test
    void shouldFailAsUnknownOperation_whenRouteSendsPub() {
        byte[] input = "PUB foo 1\r\nx\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parse(ConnectionKind.ROUTER, input, input.length)).containsExactly("FAIL UNKNOWN_OPERATION");
    }

    @ParameterizedTest
    @CsvSource({
            "RMSG $G foo x y 1",
            "RMSG $G foo ++ r q 1",
            "RMSG $G 1",
            "HMSG $G foo 5 3"})
    void shouldFailWithBadArguments_whenRoutedLineIsMalformed(String line) {
        byte[] input = (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parse(ConnectionKind.ROUTER, input, input.length)).containsExactly("FAIL BAD_ARGUMENTS");
    }

    /** The table says what the parser does: every op of every kind is allowed or refused exactly as listed. */
    @ParameterizedTest
    @EnumSource(ConnectionKind.class)
    void shouldAllowTheReferenceOps_forEachKind(ConnectionKind kind) {
        boolean client = kind == ConnectionKind.CLIENT;
        assertThat(InboundOps.allowed(kind, InboundOps.Op.PING)).isTrue();
        assertThat(InboundOps.allowed(kind, InboundOps.Op.RS_SUB)).isEqualTo(kind == ConnectionKind.ROUTER
                || kind == ConnectionKind.GATEWAY);
        assertThat(InboundOps.allowed(kind, InboundOps.Op.RMSG)).isEqualTo(!client && kind != ConnectionKind.LEAF);
        assertThat(InboundOps.allowed(kind, InboundOps.Op.PUB)).isEqualTo(client || kind == ConnectionKind.LEAF);
        assertThat(InboundOps.allowed(kind, InboundOps.Op.LS_SUB)).isEqualTo(kind == ConnectionKind.ROUTER
                || kind == ConnectionKind.LEAF);
    }
}
