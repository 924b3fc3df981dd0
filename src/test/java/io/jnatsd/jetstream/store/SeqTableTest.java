package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link SeqTable} against a {@link TreeMap}: the same entries, ceilings, floors and range removals. */
class SeqTableTest {

    @Property(tries = 200)
    void shouldBehaveLikeTreeMap_whenRandomPutsRemovesAndRanges(
        @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 5000) Integer> keys,
        @ForAll @IntRange(min = 0, max = 5000) int rangeFrom,
        @ForAll @IntRange(min = 0, max = 3000) int rangeLen) {
        SeqTable<Long> table = new SeqTable<>();
        TreeMap<Long, Long> model = new TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            long k = keys.get(i);
            if (i % 3 == 2) {
                assertThat(table.remove(k)).isEqualTo(model.remove(k));
            } else {
                table.put(k, k);
                model.put(k, k);
            }
        }
        assertThat(table.size()).isEqualTo(model.size());
        for (long probe = 0; probe <= 5100; probe += 37) {
            Map.Entry<Long, Long> c = model.ceilingEntry(probe);
            Map.Entry<Long, Long> f = model.floorEntry(probe);
            assertThat(table.ceiling(probe)).isEqualTo(c == null ? null : c.getValue());
            assertThat(table.floor(probe)).isEqualTo(f == null ? null : f.getValue());
            assertThat(table.get(probe)).isEqualTo(model.get(probe));
        }
        List<Long> visited = new ArrayList<>();
        table.forEach(rangeFrom, rangeFrom + rangeLen, visited::add);
        assertThat(visited).containsExactlyElementsOf(model.subMap((long) rangeFrom, true,
            (long) rangeFrom + rangeLen, true).values());
        List<Long> removed = new ArrayList<>();
        table.removeRange(rangeFrom, rangeFrom + rangeLen, removed::add);
        assertThat(removed).isEqualTo(visited);
        model.subMap((long) rangeFrom, true, (long) rangeFrom + rangeLen, true).clear();
        assertThat(table.size()).isEqualTo(model.size());
        Long first = model.isEmpty() ? null : model.firstKey();
        assertThat(table.ceiling(0)).isEqualTo(first);
    }

    @org.junit.jupiter.api.Test
    void shouldReadOnlyNewEntries_whenAPageDrainedFromTheFrontIsReused() {
        SeqTable<FileMsgRef> table = new SeqTable<>(FileRefPage::new);
        int n = SeqTable.PAGE_SLOTS;
        for (long seq = 1; seq < n; seq++) {
            table.put(seq, new FileMsgRef(seq, "old", seq, 30, 100, null, seq * 10, 50));
        }
        for (long seq = 1; seq < n; seq++) {
            table.remove(seq);
        }
        assertThat(table.size()).isZero();
        long base = 3L * n;
        table.put(base + 5, new FileMsgRef(base + 5, "new", 7, 0, 60, null, 40, 20));

        assertThat(table.size()).isEqualTo(1);
        assertThat(table.get(base + 4)).isNull();
        assertThat(table.get(base + 6)).isNull();
        assertThat(table.get(5)).isNull();
        assertThat(table.get(base + 5)).isEqualTo(new FileMsgRef(base + 5, "new", 7, 0, 60, null, 40, 20));
        assertThat(table.ceiling(0)).isEqualTo(table.get(base + 5));
    }
}
