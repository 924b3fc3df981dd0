package io.jnatsd.jetstream.consumer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class PendingRingTest {

    private static List<Long> liveSeqs(PendingRing r) {
        List<Long> out = new ArrayList<>();
        for (int pos = r.first(); pos >= 0; pos = r.next(pos)) {
            out.add(r.streamSeqAt(pos));
        }
        return out;
    }

    @Test
    void shouldFindAndRemove_whenAckedInAndOutOfOrder() {
        PendingRing r = new PendingRing();
        for (long s = 1; s <= 5; s++) {
            r.add(s * 10, s, s * 100);
        }
        assertThat(r.find(30)).isGreaterThanOrEqualTo(0);
        assertThat(r.find(35)).isEqualTo(-1);
        r.removeAt(r.find(30));
        assertThat(r.contains(30)).isFalse();
        assertThat(r.size()).isEqualTo(4);
        int h = r.higher(20);
        assertThat(r.streamSeqAt(h)).isEqualTo(40);
        r.removeAt(r.find(10));
        assertThat(r.streamSeqAt(r.first())).isEqualTo(20);
        r.removeAt(r.find(20));
        assertThat(r.streamSeqAt(r.first())).isEqualTo(40);
        assertThat(r.deliverSeqAt(r.first())).isEqualTo(4);
        assertThat(r.timestampAt(r.first())).isEqualTo(400);
        assertThat(liveSeqs(r)).containsExactly(40L, 50L);
    }

    @Test
    void shouldPackInsteadOfGrowing_whenMostEntriesAreAcked() {
        PendingRing r = new PendingRing();
        int cap = r.capacity();
        r.add(1, 1, 0);
        for (long s = 2; s <= 100_000; s++) {
            r.add(s, s, 0);
            r.removeAt(r.find(s));
        }
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.capacity()).isEqualTo(cap);
        assertThat(liveSeqs(r)).containsExactly(1L);
        assertThat(r.higher(1)).isEqualTo(-1);
    }

    @Test
    void shouldGrowAndKeepOrder_whenManyArePending() {
        PendingRing r = new PendingRing();
        for (long s = 1; s <= 1000; s++) {
            r.add(s * 2, s, s);
        }
        assertThat(r.capacity()).isGreaterThanOrEqualTo(1000);
        assertThat(r.size()).isEqualTo(1000);
        assertThat(liveSeqs(r)).hasSize(1000).isSorted();
        assertThat(r.deliverSeqAt(r.find(2000))).isEqualTo(1000);
    }

    @Test
    void shouldInsertInPlace_whenSequenceArrivesOutOfOrder() {
        PendingRing r = new PendingRing();
        r.add(10, 1, 0);
        r.add(30, 2, 0);
        r.add(20, 3, 0);
        r.add(5, 4, 0);
        assertThat(liveSeqs(r)).containsExactly(5L, 10L, 20L, 30L);
        assertThat(r.deliverSeqAt(r.find(20))).isEqualTo(3);
    }

    @Test
    void shouldMatchSortedMapModel_whenRandomOperationsRun() {
        Random rnd = new Random(42);
        PendingRing r = new PendingRing();
        TreeMap<Long, Long> model = new TreeMap<>();
        long next = 1;
        for (int i = 0; i < 200_000; i++) {
            int op = rnd.nextInt(10);
            if (op < 5 || model.isEmpty()) {
                next += 1 + rnd.nextInt(3);
                r.add(next, i + 1, i);
                model.put(next, (long) i + 1);
            } else if (op < 8) {
                long s = rnd.nextInt(4) == 0 ? model.lastKey() - rnd.nextInt(50) : model.firstKey();
                Long d = model.remove(s);
                int pos = r.find(s);
                assertThat(pos >= 0).isEqualTo(d != null);
                if (pos >= 0) {
                    assertThat(r.deliverSeqAt(pos)).isEqualTo(d);
                    r.removeAt(pos);
                }
            } else {
                long s = model.firstKey() + rnd.nextInt(100);
                Map.Entry<Long, Long> h = model.higherEntry(s);
                int pos = r.higher(s);
                assertThat(pos >= 0).isEqualTo(h != null);
                if (h != null) {
                    assertThat(r.streamSeqAt(pos)).isEqualTo(h.getKey());
                }
            }
            assertThat(r.size()).isEqualTo(model.size());
        }
        assertThat(liveSeqs(r)).containsExactlyElementsOf(model.keySet());
        assertThat(r.capacity()).isLessThanOrEqualTo(Math.max(64, model.size() * 4 + 64));
    }
}
