package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class ProtocolParserTest {

    private final RecordingHandler handler = new RecordingHandler();
    private final ProtocolParser parser = new ProtocolParser(handler, 4096, 1024 * 1024);

    private List<String> parse(String input) {
        ByteBuf buf = Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1);
        try {
            parser.parse(buf);
        } finally {
            buf.release();
            parser.release();
        }
        return handler.events;
    }

    @Test
    void shouldAskTheHandlerAndStop_whenAnOpOtherThanConnectComesFirst() {
        parser.setConnectRequired(true);
        assertThat(parse("PUB foo 2\r\nhi\r\nPING\r\n")).containsExactly("BEFORE_CONNECT");
    }

    @Test
    void shouldGoOn_whenTheHandlerLetsTheOpBeforeConnectThrough() {
        parser.setConnectRequired(true);
        handler.beforeConnectStatus = ProtocolHandler.CONTINUE;
        assertThat(parse("PING\r\n")).containsExactly("BEFORE_CONNECT", "PING");
    }

    @Test
    void shouldNotAskTheHandler_whenConnectComesFirstOrNothingIsRequired() {
        parser.setConnectRequired(true);
        assertThat(parse("connect {}\r\n")).containsExactly("CONNECT {}");
        parser.setConnectRequired(false);
        assertThat(parse("PING\r\n")).containsExactly("CONNECT {}", "PING");
    }

    @Test
    void shouldParsePubWithAndWithoutReply() {
        assertThat(parse("PUB foo 5\r\nhello\r\nPUB foo bar 2\r\nhi\r\n")).containsExactly(
                "PUB foo null -1 5 [5] [hello]",
                "PUB foo bar -1 2 [2] [hi]");
    }

    @Test
    void shouldParseHpub_whenHeadersEnabled() {
        parser.setHeadersEnabled(true);
        assertThat(parse("HPUB foo r 12 14\r\nNATS/1.0\r\n\r\nhi\r\n")).containsExactly(
                "HPUB foo r 12 14 [12/14] [NATS/1.0\r\n\r\nhi]");
    }

    @Test
    void shouldRefuseHpub_whenHeadersNotEnabled() {
        assertThat(parse("HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n")).containsExactly("FAIL HEADERS_NOT_SUPPORTED");
    }

    @Test
    void shouldRefuseHpub_whenHeaderLargerThanTotal() {
        parser.setHeadersEnabled(true);
        assertThat(parse("HPUB foo 14 12\r\n")).containsExactly("FAIL BAD_ARGUMENTS");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pub foo 1\\r\\na\\r\\n|PUB foo null -1 1 [1] [a]",
        "PuB\\tfoo\\t\\t1\\r\\na\\r\\n|PUB foo null -1 1 [1] [a]",
        "PUB   foo   1\\na\\r\\n|PUB foo null -1 1 [1] [a]",
        "sub foo 1\\r\\n|SUB foo null 1",
        "SUB foo q 22\\r\\n|SUB foo q 22",
        "unsub 1\\r\\n|UNSUB 1 -1",
        "UNSUB 1 5\\r\\n|UNSUB 1 5",
        "UNSUB 1 x\\r\\n|UNSUB 1 -1",
        "ping\\r\\n|PING",
        "PINGxyz\\r\\n|PING",
        "pong\\n|PONG",
        "CONNECT {}\\r\\n|CONNECT {}",
        "CONNECT{\"a\":1}\\r\\n|CONNECT {\"a\":1}",
        "INFO {}\\r\\n|INFO {}",
        "PUB foo 0\\r\\n\\r\\n|PUB foo null -1 0 [0] []",
    })
    void shouldParseOpsAsTheReferenceDoes(String input, String expected) {
        assertThat(parse(input.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t")))
                .containsExactly(expected);
    }

    @Test
    void shouldIgnorePlusOk_fromClients() {
        assertThat(parse("+OK\r\nPING\r\n")).containsExactly("PING");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "XYZ\\r\\n|UNKNOWN_OPERATION",
        "PUBX foo 1\\r\\n|UNKNOWN_OPERATION",
        "MSG foo 1 1\\r\\n|UNKNOWN_OPERATION",
        "PUB foo 1\\r\\nab\\r\\n|UNKNOWN_OPERATION",
        "PUB foo\\r\\n|BAD_ARGUMENTS",
        "PUB foo -1\\r\\n|BAD_ARGUMENTS",
        "PUB foo bar baz 1\\r\\n|BAD_ARGUMENTS",
        "PUB foo 1234567890\\r\\n|BAD_ARGUMENTS",
        "SUB foo\\r\\n|BAD_ARGUMENTS",
        "SUB a b c d\\r\\n|BAD_ARGUMENTS",
        "UNSUB\\t\\r\\n|BAD_ARGUMENTS",
        "UNSUB 1 2 3\\r\\n|BAD_ARGUMENTS",
        "PUB foo 2000000\\r\\n|MAX_PAYLOAD",
        "-ERR boom\\r\\n|CLIENT_ERROR",
    })
    void shouldFail_onBadInput(String input, ParseFailure expected) {
        String text = input.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
        assertThat(parse(text)).last().isEqualTo("FAIL " + expected);
    }

    @Test
    void shouldFail_whenControlLineTooLong() {
        String subject = "a".repeat(4095);
        assertThat(parse("SUB " + subject + " 1\r\n")).containsExactly("FAIL MAX_CONTROL_LINE");
    }

    @Test
    void shouldFail_whenSplitControlLineGrowsTooLong() {
        ByteBuf first = Unpooled.copiedBuffer("SUB " + "a".repeat(3000), StandardCharsets.US_ASCII);
        ByteBuf second = Unpooled.copiedBuffer("a".repeat(3000), StandardCharsets.US_ASCII);
        assertThat(parser.parse(first)).isEqualTo(ProtocolHandler.CONTINUE);
        assertThat(parser.parse(second)).isEqualTo(ProtocolHandler.STOP);
        first.release();
        second.release();
        parser.release();
        assertThat(handler.events).containsExactly("FAIL MAX_CONTROL_LINE");
    }

    @Test
    void shouldAcceptControlLine_atExactlyTheLimit() {
        String subject = "a".repeat(4094);
        assertThat(parse("SUB " + subject + " 1\r\n")).containsExactly("SUB " + subject + " null 1");
    }

    @Test
    void shouldStopParsing_afterAFailure() {
        assertThat(parse("XYZ\r\nPING\r\n")).containsExactly("FAIL UNKNOWN_OPERATION");
    }

    @Test
    void shouldHonourMaxPayloadChanges() {
        parser.setMaxPayload(3);
        assertThat(parse("PUB foo 4\r\nabcd\r\n")).containsExactly("FAIL MAX_PAYLOAD");
    }
}
