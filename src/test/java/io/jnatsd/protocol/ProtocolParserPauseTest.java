package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A handler that pauses after CONNECT gets the rest of the input back, unparsed, whole or split. */
class ProtocolParserPauseTest {

    /** Pauses after CONNECT, as a client waiting for the auth callout does. */
    private static final class PausingHandler extends ProtocolHandlerAdapter {
        @Override
        public int onConnect(ByteBuf buf, int offset, int length) {
            super.onConnect(buf, offset, length);
            return PAUSE;
        }
    }

    /** Records calls through {@link RecordingHandler}. */
    private static class ProtocolHandlerAdapter implements ProtocolHandler {
        final RecordingHandler recorder = new RecordingHandler();

        @Override
        public int onConnect(ByteBuf buf, int offset, int length) {
            return recorder.onConnect(buf, offset, length);
        }

        @Override
        public int onInfo(ByteBuf buf, int offset, int length) {
            return recorder.onInfo(buf, offset, length);
        }

        @Override
        public int onPub(PubArgs args) {
            return recorder.onPub(args);
        }

        @Override
        public int onSub(String subject, String queue, String sid) {
            return recorder.onSub(subject, queue, sid);
        }

        @Override
        public int onUnsub(String sid, long maxMsgs) {
            return recorder.onUnsub(sid, maxMsgs);
        }

        @Override
        public int onPing() {
            return recorder.onPing();
        }

        @Override
        public int onPong() {
            return recorder.onPong();
        }

        @Override
        public void onParseFailure(ParseFailure failure, String detail) {
            recorder.onParseFailure(failure, detail);
        }
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldStopAfterConnect_whenHandlerPauses() {
        PausingHandler h = new PausingHandler();
        ProtocolParser parser = new ProtocolParser(h, 4096, 1024);
        ByteBuf in = bytes("CONNECT {\"a\":1}\r\nPING\r\nSUB x 1\r\n");
        assertThat(parser.parse(in)).isEqualTo(ProtocolHandler.PAUSE);
        assertThat(h.recorder.events).containsExactly("CONNECT {\"a\":1}");
        assertThat(in.toString(StandardCharsets.US_ASCII)).isEqualTo("PING\r\nSUB x 1\r\n");
        assertThat(parser.parse(in)).isEqualTo(ProtocolHandler.CONTINUE);
        assertThat(h.recorder.events).hasSize(3);
        in.release();
    }

    @Test
    void shouldPause_whenConnectLineWasSplitAcrossReads() {
        PausingHandler h = new PausingHandler();
        ProtocolParser parser = new ProtocolParser(h, 4096, 1024);
        ByteBuf first = bytes("CONNECT {\"a\"");
        assertThat(parser.parse(first)).isEqualTo(ProtocolHandler.CONTINUE);
        ByteBuf second = bytes(":1}\r\nPING\r\n");
        assertThat(parser.parse(second)).isEqualTo(ProtocolHandler.PAUSE);
        assertThat(second.readableBytes()).isEqualTo("PING\r\n".length());
        assertThat(h.recorder.events).containsExactly("CONNECT {\"a\":1}");
        first.release();
        second.release();
        parser.release();
    }
}
