package io.jnatsd.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch flushes each target it appended to, once, whatever other batches listed the same target in between:
 * the mark that spares the duplicate scan never hides a target from the batch that must flush it.
 */
class PendingFlushesTest {

    private final Map<Outbound, EmbeddedChannel> channels = new IdentityHashMap<>();

    @AfterEach
    void close() {
        channels.values().forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private Outbound tracked() {
        EmbeddedChannel ch = new EmbeddedChannel();
        Outbound out = new Outbound(ch, 1 << 20, 0, (reason, bytes) -> { });
        channels.put(out, ch);
        return out;
    }

    private static void append(Outbound out, String text) {
        assertThat(out.appendProto(text.getBytes(StandardCharsets.US_ASCII))).isGreaterThanOrEqualTo(0);
    }

    /** The bytes written to {@code out}'s channel since the last call. */
    private String written(Outbound out) {
        EmbeddedChannel ch = channels.get(out);
        StringBuilder sb = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            sb.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return sb.toString();
    }

    @Test
    void shouldFlushEachTargetOnce_whenItIsAddedForEveryMessageOfTheBatch() {
        Outbound a = tracked();
        Outbound b = tracked();
        PendingFlushes batch = new PendingFlushes();
        for (int i = 0; i < 100; i++) {
            append(a, "a");
            batch.add(a);
            append(b, "b");
            batch.add(b);
        }

        batch.flushAll();

        assertThat(written(a)).isEqualTo("a".repeat(100));
        assertThat(written(b)).isEqualTo("b".repeat(100));
        assertThat(batch.isEmpty()).isTrue();
    }

    @Test
    void shouldStillFlush_whenAnotherBatchListedTheSameTargetInBetween() {
        Outbound shared = tracked();
        PendingFlushes first = new PendingFlushes();
        PendingFlushes second = new PendingFlushes();
        append(shared, "1");
        first.add(shared);
        append(shared, "2");
        second.add(shared);
        append(shared, "3");
        first.add(shared);

        second.flushAll();
        assertThat(written(shared)).isEqualTo("123");
        append(shared, "4");
        first.add(shared);
        first.flushAll();

        assertThat(written(shared)).isEqualTo("4");
    }

    @Test
    void shouldListTheTargetAgain_whenTheBatchWasFlushedBefore() {
        Outbound out = tracked();
        PendingFlushes batch = new PendingFlushes();
        append(out, "x");
        batch.add(out);
        batch.flushAll();
        assertThat(written(out)).isEqualTo("x");

        append(out, "y");
        batch.add(out);

        assertThat(batch.isEmpty()).isFalse();
        batch.flushAll();
        assertThat(written(out)).isEqualTo("y");
    }

    @Test
    void shouldFlushEveryTarget_whenTheBatchOutgrowsTheLinearScan() {
        List<Outbound> outs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            outs.add(tracked());
        }
        PendingFlushes batch = new PendingFlushes();
        for (int round = 0; round < 3; round++) {
            for (Outbound o : outs) {
                append(o, "m");
                batch.add(o);
            }
        }

        batch.flushAll();

        for (Outbound o : outs) {
            assertThat(written(o)).isEqualTo("mmm");
        }
    }
}
