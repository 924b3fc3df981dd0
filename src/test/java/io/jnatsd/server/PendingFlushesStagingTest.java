package io.jnatsd.server;

import io.jnatsd.protocol.PubArgs;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staging batch (a route's read) writes each target exactly the bytes the locked appends would, in the order it
 * staged them, after what the target had queued; it counts them, and applies the slow-consumer policy when it
 * hands a buffer off.
 */
class PendingFlushesStagingTest {

    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private Outbound target(long maxPending, AtomicReference<Outbound.SlowConsumerReason> slow) {
        EmbeddedChannel ch = new EmbeddedChannel();
        channels.add(ch);
        return new Outbound(ch, maxPending, 0, (reason, bytes) -> slow.set(reason));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static PubArgs msg(int i) {
        return PubArgs.forInternalPublish("foo.bar", i % 3 == 0 ? "reply." + i : null, null, ascii("payload-" + i));
    }

    /** What {@code out}'s channel got, as text. */
    private static String written(Outbound out, EmbeddedChannel ch) {
        out.flush();
        StringBuilder sb = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            sb.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return sb.toString();
    }

    @Test
    void shouldWriteWhatLockedAppendsWrite_whenABatchFansOutToTwoTargets() {
        AtomicReference<Outbound.SlowConsumerReason> slow = new AtomicReference<>();
        Outbound a = target(1 << 20, slow);
        Outbound b = target(1 << 20, slow);
        Outbound reference = target(1 << 20, slow);
        PendingFlushes batch = new PendingFlushes(true);
        for (int i = 0; i < 50; i++) {
            assertThat(batch.stageMsg(a, msg(i), ascii("1"), false)).isEqualTo(Outbound.ACCEPTED);
            assertThat(batch.stageMsg(b, msg(i), ascii("22"), false)).isEqualTo(Outbound.ACCEPTED);
            reference.appendMsg(msg(i), ascii("1"));
        }
        assertThat(channels.get(0).outboundMessages()).isEmpty();

        batch.flushAll();

        String expected = written(reference, channels.get(2));
        assertThat(written(a, channels.get(0))).isEqualTo(expected);
        assertThat(written(b, channels.get(1))).isEqualTo(expected.replace("foo.bar 1 ", "foo.bar 22 "));
        assertThat(a.appendedMsgs()).isEqualTo(50);
        assertThat(a.appendedBytes()).isEqualTo(reference.appendedBytes());
        assertThat(slow.get()).isNull();
    }

    @Test
    void shouldKeepTheOrder_whenTheBatchOutgrowsItsStagingBuffer() {
        AtomicReference<Outbound.SlowConsumerReason> slow = new AtomicReference<>();
        Outbound a = target(64L << 20, slow);
        Outbound reference = target(64L << 20, slow);
        PendingFlushes batch = new PendingFlushes(true);
        // Earlier bytes of the target (a PONG) go out before anything the batch stages.
        a.appendProto(ascii("PONG\r\n"));
        reference.appendProto(ascii("PONG\r\n"));
        for (int i = 0; i < 20_000; i++) {
            assertThat(batch.stageMsg(a, msg(i), ascii("7"), false)).isGreaterThanOrEqualTo(0);
            reference.appendMsg(msg(i), ascii("7"));
        }

        batch.flushAll();

        String got = written(a, channels.get(0));
        assertThat(got.length()).isGreaterThan(200_000);
        assertThat(got).isEqualTo(written(reference, channels.get(1)));
        assertThat(a.appendedMsgs()).isEqualTo(20_000);
    }

    @Test
    void shouldLeaveTheHeadersOut_whenTheSubscriberDidNotAskForThem() {
        AtomicReference<Outbound.SlowConsumerReason> slow = new AtomicReference<>();
        Outbound a = target(1 << 20, slow);
        Outbound reference = target(1 << 20, slow);
        PubArgs withHeaders = PubArgs.forInternalPublish("foo", "r", ascii("NATS/1.0\r\nA: b\r\n\r\n"), ascii("hi"));
        PendingFlushes batch = new PendingFlushes(true);

        batch.stageMsg(a, withHeaders, ascii("3"), true);
        batch.flushAll();
        reference.appendMsgWithoutHeaders(withHeaders, ascii("3"));

        assertThat(written(a, channels.get(0))).isEqualTo("MSG foo 3 r 2\r\nhi\r\n")
                .isEqualTo(written(reference, channels.get(1)));
        assertThat(a.appendedBytes()).isEqualTo(2);
    }

    @Test
    void shouldEncodeEachSubscribersLine_whenOneMessageGoesToSubscribersWithAndWithoutHeaders() {
        AtomicReference<Outbound.SlowConsumerReason> slow = new AtomicReference<>();
        Outbound a = target(1 << 20, slow);
        Outbound b = target(1 << 20, slow);
        PubArgs withHeaders = PubArgs.forInternalPublish("foo", null, ascii("NATS/1.0\r\n\r\n"), ascii("hi"));
        PendingFlushes batch = new PendingFlushes(true);

        batch.stageMsg(a, withHeaders, ascii("1"), false);
        batch.stageMsg(b, withHeaders, ascii("22"), true);
        batch.stageMsg(a, withHeaders, ascii("1"), false);
        batch.flushAll();

        String hmsg = "HMSG foo 1 12 14\r\nNATS/1.0\r\n\r\nhi\r\n";
        assertThat(written(a, channels.get(0))).isEqualTo(hmsg + hmsg);
        assertThat(written(b, channels.get(1))).isEqualTo("MSG foo 22 2\r\nhi\r\n");
    }

    @Test
    void shouldWriteEveryTargetInOrder_whenABatchHasMoreTargetsThanItStagesFor() {
        AtomicReference<Outbound.SlowConsumerReason> slow = new AtomicReference<>();
        int n = PendingFlushes.MAX_STAGED_TARGETS + 8;
        List<Outbound> targets = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            targets.add(target(1 << 20, slow));
        }
        Outbound reference = target(1 << 20, slow);
        PendingFlushes batch = new PendingFlushes(true);
        for (int i = 0; i < 300; i++) {
            for (Outbound t : targets) {
                assertThat(batch.stageMsg(t, msg(i), ascii("9"), false)).isGreaterThanOrEqualTo(0);
                batch.add(t);
            }
            reference.appendMsg(msg(i), ascii("9"));
            if (i % 100 == 99) {
                batch.flushAll();
            }
        }
        batch.flushAll();

        String expected = written(reference, channels.get(n));
        for (int t = 0; t < n; t++) {
            assertThat(written(targets.get(t), channels.get(t))).as("target %d", t).isEqualTo(expected);
            assertThat(targets.get(t).appendedMsgs()).isEqualTo(300);
        }
    }

    @Test
    void shouldStageNothing_whenTheTargetIsClosed() {
        AtomicReference<Outbound.SlowConsumerReason> slow = new AtomicReference<>();
        Outbound a = target(1 << 20, slow);
        PendingFlushes batch = new PendingFlushes(true);
        a.close();

        assertThat(batch.stageMsg(a, msg(1), ascii("1"), false)).isEqualTo(Outbound.CLOSED);
        batch.flushAll();

        assertThat(written(a, channels.get(0))).isEmpty();
        assertThat(a.appendedMsgs()).isZero();
    }

    @Test
    void shouldDropTheStagedMessagesAndCutTheTarget_whenTheHandOffPassesMaxPending() {
        AtomicReference<Outbound.SlowConsumerReason> slow = new AtomicReference<>();
        Outbound a = target(10_000, slow);
        PendingFlushes batch = new PendingFlushes(true);
        for (int i = 0; i < 1_000; i++) {
            batch.stageMsg(a, msg(i), ascii("1"), false);
        }

        batch.flushAll();

        assertThat(slow.get()).isEqualTo(Outbound.SlowConsumerReason.PENDING_BYTES);
        assertThat(a.isClosed()).isTrue();
        assertThat(written(a, channels.get(0))).isEmpty();
        assertThat(batch.stageMsg(a, msg(1), ascii("1"), false)).isEqualTo(Outbound.CLOSED);
    }

    @Test
    void shouldStageOnlyWhenAsked_whenTheBatchIsMade() {
        assertThat(new PendingFlushes().staging()).isFalse();
        assertThat(new PendingFlushes(true).staging()).isTrue();
    }
}
