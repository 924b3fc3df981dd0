package io.jnatsd.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch larger than one buffer is kept as a chain, written whole and in order, and counted as pending. */
class OutboundChainTest {

    private static byte[] line(int i) {
        return ("PROTO " + i + " " + "x".repeat(200) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] written(EmbeddedChannel ch) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            all.writeBytes(bytes);
        }
        return all.toByteArray();
    }

    @Test
    void shouldWriteEveryByteInOrder_whenABatchOutgrowsOneBuffer() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Outbound out = new Outbound(ch, 64L * 1024 * 1024, 0, (reason, bytes) -> { });
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 2_000; i++) {
            byte[] l = line(i);
            assertThat(out.appendProto(l)).isEqualTo(Outbound.ACCEPTED);
            expected.writeBytes(l);
        }
        assertThat(out.pendingBytes()).isEqualTo(expected.size());

        out.flush();

        assertThat(written(ch)).isEqualTo(expected.toByteArray());
        assertThat(out.pendingBytes()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void shouldRefuseAndDropTheChain_whenPendingPassesMaxPending() {
        EmbeddedChannel ch = new EmbeddedChannel();
        AtomicReference<Outbound.SlowConsumerReason> slow = new AtomicReference<>();
        Outbound out = new Outbound(ch, 300_000, 0, (reason, bytes) -> slow.set(reason));
        int status = Outbound.ACCEPTED;
        long accepted = 0;
        byte[] l = line(0);
        for (int i = 1; status >= 0; i++) {
            status = out.appendProto(l);
            if (status >= 0) {
                accepted += l.length;
                l = line(i);
            }
        }

        assertThat(status).isEqualTo(Outbound.SLOW_CONSUMER);
        assertThat(accepted).isLessThanOrEqualTo(300_000).isGreaterThan(300_000 - l.length);
        assertThat(slow.get()).isEqualTo(Outbound.SlowConsumerReason.PENDING_BYTES);
        assertThat(out.pendingBytes()).isZero();
        out.flush();
        assertThat(written(ch)).isEmpty();
        ch.finishAndReleaseAll();
    }
}
