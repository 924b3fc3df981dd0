package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.store.FileIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerStateImageTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteSameJsonAsDataBinder_whenStatesAreRandom() throws Exception {
        Random r = new Random(42);
        for (int round = 0; round < 200; round++) {
            int n = r.nextInt(20);
            long[] p = new long[n * 3];
            for (int i = 0; i < p.length; i++) {
                p[i] = edgy(r);
            }
            int m = r.nextInt(5);
            long[] d = new long[m * 2];
            for (int i = 0; i < d.length; i++) {
                d[i] = edgy(r);
            }
            ConsumerStateImage image = new ConsumerStateImage(edgy(r), edgy(r), edgy(r), edgy(r), p, d);
            ConsumerState state = image.toState();
            assertThat(new String(image.toJson(), StandardCharsets.US_ASCII))
                .isEqualTo(new String(ConsumerJson.write(state), StandardCharsets.US_ASCII));
            assertThat(ConsumerJson.read(image.toJson(), ConsumerState.class)).isEqualTo(state);
        }
    }

    @Test
    void shouldReadBackTrackerState_whenImageWrittenToStateFile() throws Exception {
        ConsumerConfig.Builder b = ConsumerConfig.builder();
        b.durable = "c";
        b.ackPolicy = AckPolicy.EXPLICIT;
        AckTracker t = new AckTracker(ConsumerConfigRules.withDefaults(b.build(),
            new StreamFacts("S", "limits", 1, java.util.List.of("foo"), 0, 0)));
        for (long seq = 1; seq <= 10; seq++) {
            t.deliverNew(seq, 1_000 + seq);
        }
        t.ack(1, 1);
        t.ack(5, 5);
        t.nak(3, 3, -1, 2_000);
        t.deliverAgain(t.pollRedelivery(), 3_000);
        ConsumerStateFile f = new ConsumerStateFile(FileIo.DEFAULT, dir.resolve("obs").resolve("c"));
        assertThat(f.writeStateIfNewer(t.image(), 1)).isTrue();
        assertThat(f.writeStateIfNewer(t.image(), 1)).isFalse();
        assertThat(f.readState()).isEqualTo(t.snapshot());
        assertThat(f.readState().ackFloorStreamSeq()).isEqualTo(1);
        assertThat(f.readState().pending()).hasSize(8);
    }

    private static long edgy(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE - r.nextInt(3);
            case 2 -> Long.MIN_VALUE + r.nextInt(3);
            case 3 -> -r.nextInt(1000);
            case 4 -> (long) Math.pow(10, r.nextInt(19));
            default -> r.nextLong();
        };
    }
}
