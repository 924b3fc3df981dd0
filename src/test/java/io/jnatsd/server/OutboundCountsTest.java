package io.jnatsd.server;

import io.jnatsd.protocol.PubArgs;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbound counts the messages it queues, and their bytes, as the connection's out_msgs/out_bytes. */
class OutboundCountsTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Outbound out = new Outbound(channel, 1 << 20, 0, (reason, bytes) -> { });

    @AfterEach
    void close() {
        out.close();
        channel.finishAndReleaseAll();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldCountMessageAndBytes_whenAMsgIsQueued() {
        PubArgs msg = PubArgs.forInternalPublish("foo", null, null, ascii("hello"));

        assertThat(out.appendMsg(msg, ascii("1"))).isGreaterThanOrEqualTo(0);
        assertThat(out.appendMsg(msg, ascii("2"))).isGreaterThanOrEqualTo(0);

        assertThat(out.appendedMsgs()).isEqualTo(2);
        assertThat(out.appendedBytes()).isEqualTo(10);
    }

    @Test
    void shouldCountThePayloadOnly_whenTheHeadersAreLeftOut() {
        PubArgs msg = PubArgs.forInternalPublish("foo", null, ascii("NATS/1.0\r\n\r\n"), ascii("hi"));

        assertThat(out.appendMsgWithoutHeaders(msg, ascii("1"))).isGreaterThanOrEqualTo(0);

        assertThat(out.appendedMsgs()).isEqualTo(1);
        assertThat(out.appendedBytes()).isEqualTo(2);
    }

    @Test
    void shouldCountTheRoutedMessage_whenAnRmsgIsQueued() {
        PubArgs msg = PubArgs.forInternalPublish("foo", "bar", null, ascii("abc"));

        assertThat(out.appendRoutedMsg(ascii("$G"), msg, new byte[0], 0, true)).isGreaterThanOrEqualTo(0);

        assertThat(out.appendedMsgs()).isEqualTo(1);
        assertThat(out.appendedBytes()).isEqualTo(3);
    }

    @Test
    void shouldCountNothing_whenOnlyProtocolLinesAreQueued() {
        assertThat(out.appendProto(ascii("PONG\r\n"))).isGreaterThanOrEqualTo(0);

        assertThat(out.appendedMsgs()).isZero();
        assertThat(out.appendedBytes()).isZero();
    }

    @Test
    void shouldCountNothing_whenTheOutboundIsClosed() {
        out.close();

        assertThat(out.appendMsg(PubArgs.forInternalPublish("foo", null, null, ascii("x")), ascii("1")))
                .isEqualTo(Outbound.CLOSED);

        assertThat(out.appendedMsgs()).isZero();
        assertThat(out.appendedBytes()).isZero();
    }
}
