package io.jnatsd.jetstream.store;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A sparse map from sequence to entry, in fixed pages of {@link #PAGE_SLOTS} slots, so that appends and
 * loads are array stores and loads, and gaps of any size (skips, compactions) cost nothing.
 *
 * <p>Threading: not thread-safe; the owning store's lock guards it.
 *
 * @param <E> the entry type
 */
final class SeqTable<E> {
    /** Slots per page: a page holds the entries of sequences {@code [n * PAGE_SLOTS, (n + 1) * PAGE_SLOTS)}. */
    static final int PAGE_SLOTS = 1024;

    private static final class Page {
        final Object[] slots = new Object[PAGE_SLOTS];
        int count;
    }

    private final TreeMap<Long, Page> pages = new TreeMap<>();
    private long lastPageNo = -1;
    private Page lastPage;
    private long size;

    /** @return live entries */
    long size() {
        return size;
    }

    private Page page(long pageNo) {
        if (pageNo == lastPageNo && lastPage != null) {
            return lastPage;
        }
        Page p = pages.get(pageNo);
        if (p != null) {
            lastPageNo = pageNo;
            lastPage = p;
        }
        return p;
    }

    /** @param seq a sequence @param entry its entry, replacing any previous one */
    void put(long seq, E entry) {
        long pageNo = seq / PAGE_SLOTS;
        Page p = page(pageNo);
        if (p == null) {
            p = new Page();
            pages.put(pageNo, p);
            lastPageNo = pageNo;
            lastPage = p;
        }
        int slot = (int) (seq % PAGE_SLOTS);
        if (p.slots[slot] == null) {
            p.count++;
            size++;
        }
        p.slots[slot] = entry;
    }

    /** @param seq a sequence @return its entry or null */
    @SuppressWarnings("unchecked")
    E get(long seq) {
        if (seq < 0) {
            return null;
        }
        Page p = page(seq / PAGE_SLOTS);
        return p == null ? null : (E) p.slots[(int) (seq % PAGE_SLOTS)];
    }

    /** @param seq a sequence @return the entry it held, or null */
    @SuppressWarnings("unchecked")
    E remove(long seq) {
        if (seq < 0) {
            return null;
        }
        long pageNo = seq / PAGE_SLOTS;
        Page p = page(pageNo);
        if (p == null) {
            return null;
        }
        int slot = (int) (seq % PAGE_SLOTS);
        E old = (E) p.slots[slot];
        if (old != null) {
            p.slots[slot] = null;
            size--;
            if (--p.count == 0) {
                pages.remove(pageNo);
                if (lastPageNo == pageNo) {
                    lastPage = null;
                    lastPageNo = -1;
                }
            }
        }
        return old;
    }

    /** @param seq a sequence @return the live entry at or after it, or null */
    @SuppressWarnings("unchecked")
    E ceiling(long seq) {
        long from = Math.max(seq, 0);
        Map.Entry<Long, Page> e = pages.ceilingEntry(from / PAGE_SLOTS);
        while (e != null) {
            long base = e.getKey() * PAGE_SLOTS;
            int start = (int) Math.max(0, from - base);
            Object[] slots = e.getValue().slots;
            for (int i = start; i < PAGE_SLOTS; i++) {
                if (slots[i] != null) {
                    return (E) slots[i];
                }
            }
            e = pages.higherEntry(e.getKey());
        }
        return null;
    }

    /** @param seq a sequence @return the live entry at or before it, or null */
    @SuppressWarnings("unchecked")
    E floor(long seq) {
        if (seq < 0) {
            return null;
        }
        Map.Entry<Long, Page> e = pages.floorEntry(seq / PAGE_SLOTS);
        while (e != null) {
            long base = e.getKey() * PAGE_SLOTS;
            int start = (int) Math.min(PAGE_SLOTS - 1, seq - base);
            Object[] slots = e.getValue().slots;
            for (int i = start; i >= 0; i--) {
                if (slots[i] != null) {
                    return (E) slots[i];
                }
            }
            e = pages.lowerEntry(e.getKey());
        }
        return null;
    }

    /**
     * Visits live entries in {@code [from, to]} in ascending order; the visitor must not change the table.
     *
     * @param from first sequence
     * @param to   last sequence
     * @param visitor told of each entry
     */
    @SuppressWarnings("unchecked")
    void forEach(long from, long to, Consumer<E> visitor) {
        if (to < from) {
            return;
        }
        long lo = Math.max(from, 0);
        for (Map.Entry<Long, Page> e : pages.subMap(lo / PAGE_SLOTS, true, to / PAGE_SLOTS, true).entrySet()) {
            long base = e.getKey() * PAGE_SLOTS;
            int start = (int) Math.max(0, lo - base);
            int end = (int) Math.min(PAGE_SLOTS - 1, to - base);
            Object[] slots = e.getValue().slots;
            for (int i = start; i <= end; i++) {
                if (slots[i] != null) {
                    visitor.accept((E) slots[i]);
                }
            }
        }
    }

    /**
     * Removes the live entries in {@code [from, to]}, telling the visitor of each in ascending order.
     *
     * @param from first sequence
     * @param to   last sequence
     * @param visitor told of each removed entry
     */
    @SuppressWarnings("unchecked")
    void removeRange(long from, long to, Consumer<E> visitor) {
        if (to < from) {
            return;
        }
        long lo = Math.max(from, 0);
        Iterator<Map.Entry<Long, Page>> it =
            pages.subMap(lo / PAGE_SLOTS, true, to / PAGE_SLOTS, true).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Page> e = it.next();
            long base = e.getKey() * PAGE_SLOTS;
            int start = (int) Math.max(0, lo - base);
            int end = (int) Math.min(PAGE_SLOTS - 1, to - base);
            Page p = e.getValue();
            for (int i = start; i <= end; i++) {
                if (p.slots[i] != null) {
                    visitor.accept((E) p.slots[i]);
                    p.slots[i] = null;
                    p.count--;
                    size--;
                }
            }
            if (p.count == 0) {
                it.remove();
            }
        }
        lastPage = null;
        lastPageNo = -1;
    }

    /** Removes everything. */
    void clear() {
        pages.clear();
        lastPage = null;
        lastPageNo = -1;
        size = 0;
    }
}
