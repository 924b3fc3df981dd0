package io.jnatsd.jetstream.store;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A sparse map from sequence to entry, in fixed pages of {@link #PAGE_SLOTS} slots, so that appends and
 * loads are array stores and loads, and gaps of any size (skips, compactions) cost nothing.
 *
 * <p>Design note: how a page keeps its entries is the {@link Page} subclass's business. The default keeps the
 * entry objects; the file store keeps their fields in primitive columns ({@link FileRefPage}) and makes an
 * entry object only when one is read, so that a million live messages are a few thousand arrays for the
 * garbage collector instead of a million objects.
 *
 * <p>Threading: not thread-safe; the owning store's lock guards it.
 *
 * @param <E> the entry type
 */
final class SeqTable<E> {
    /** Slots per page: a page holds the entries of sequences {@code [n * PAGE_SLOTS, (n + 1) * PAGE_SLOTS)}. */
    static final int PAGE_SLOTS = 1024;

    /**
     * The entries of one page: the slots of sequences {@code [n * PAGE_SLOTS, (n + 1) * PAGE_SLOTS)}.
     *
     * @param <E> the entry type
     */
    abstract static class Page<E> {
        /** Occupied slots. */
        int count;

        /** @param slot a slot @return true if it holds an entry */
        abstract boolean has(int slot);

        /** @param slot an occupied slot @param seq its sequence @return its entry */
        abstract E get(int slot, long seq);

        /** @param slot a slot @param entry the entry to keep there */
        abstract void set(int slot, E entry);

        /** @param slot a slot to empty */
        abstract void clear(int slot);
    }

    /** A page that keeps the entry objects themselves. */
    private static final class ObjectPage<E> extends Page<E> {
        private final Object[] slots = new Object[PAGE_SLOTS];

        @Override
        boolean has(int slot) {
            return slots[slot] != null;
        }

        @Override
        @SuppressWarnings("unchecked")
        E get(int slot, long seq) {
            return (E) slots[slot];
        }

        @Override
        void set(int slot, E entry) {
            slots[slot] = entry;
        }

        @Override
        void clear(int slot) {
            slots[slot] = null;
        }
    }

    private final TreeMap<Long, Page<E>> pages = new TreeMap<>();
    private final Supplier<Page<E>> newPage;
    /** The page last used at the appending end, and the page last used elsewhere (removals at the front). */
    private long lastPageNo = -1;
    private Page<E> lastPage;
    private long otherPageNo = -1;
    private Page<E> otherPage;
    /** The last page that became empty, reused by the next new page: a table drained from the front (limits,
     * max age) while appends go on then allocates no page per {@link #PAGE_SLOTS} appends. */
    private Page<E> spare;
    private long size;

    /** A table whose pages keep the entry objects. */
    SeqTable() {
        this(ObjectPage::new);
    }

    /** @param newPage makes an empty page */
    SeqTable(Supplier<Page<E>> newPage) {
        this.newPage = newPage;
    }

    /** @return live entries */
    long size() {
        return size;
    }

    private Page<E> page(long pageNo) {
        if (pageNo == lastPageNo && lastPage != null) {
            return lastPage;
        }
        if (pageNo == otherPageNo && otherPage != null) {
            return otherPage;
        }
        Page<E> p = pages.get(pageNo);
        if (p != null) {
            if (pageNo >= lastPageNo) {
                lastPageNo = pageNo;
                lastPage = p;
            } else {
                otherPageNo = pageNo;
                otherPage = p;
            }
        }
        return p;
    }

    private void forgetCachedPages() {
        lastPage = null;
        lastPageNo = -1;
        otherPage = null;
        otherPageNo = -1;
    }

    /** @param seq a sequence @param entry its entry, replacing any previous one */
    void put(long seq, E entry) {
        long pageNo = seq / PAGE_SLOTS;
        Page<E> p = page(pageNo);
        if (p == null) {
            p = spare != null ? spare : newPage.get();
            spare = null;
            pages.put(pageNo, p);
            lastPageNo = pageNo;
            lastPage = p;
        }
        int slot = (int) (seq % PAGE_SLOTS);
        if (!p.has(slot)) {
            p.count++;
            size++;
        }
        p.set(slot, entry);
    }

    /** @param seq a sequence @return its entry or null */
    E get(long seq) {
        if (seq < 0) {
            return null;
        }
        Page<E> p = page(seq / PAGE_SLOTS);
        int slot = (int) (seq % PAGE_SLOTS);
        return p == null || !p.has(slot) ? null : p.get(slot, seq);
    }

    /** @param seq a sequence @return the entry it held, or null */
    E remove(long seq) {
        if (seq < 0) {
            return null;
        }
        long pageNo = seq / PAGE_SLOTS;
        Page<E> p = page(pageNo);
        if (p == null) {
            return null;
        }
        int slot = (int) (seq % PAGE_SLOTS);
        E old = p.has(slot) ? p.get(slot, seq) : null;
        if (old != null) {
            p.clear(slot);
            size--;
            if (--p.count == 0) {
                pages.remove(pageNo);
                forgetCachedPages();
                // Every slot is empty again (has() is false for each), so it is as good as a new page.
                spare = p;
            }
        }
        return old;
    }

    /** @param seq a sequence @return the live entry at or after it, or null */
    E ceiling(long seq) {
        long from = Math.max(seq, 0);
        long pageNo = from / PAGE_SLOTS;
        Page<E> cached = page(pageNo);
        if (cached != null) {
            for (int i = (int) (from - pageNo * PAGE_SLOTS); i < PAGE_SLOTS; i++) {
                if (cached.has(i)) {
                    return cached.get(i, pageNo * PAGE_SLOTS + i);
                }
            }
            pageNo++;
        }
        Map.Entry<Long, Page<E>> e = pages.ceilingEntry(pageNo);
        while (e != null) {
            long base = e.getKey() * PAGE_SLOTS;
            int start = (int) Math.max(0, from - base);
            Page<E> p = e.getValue();
            for (int i = start; i < PAGE_SLOTS; i++) {
                if (p.has(i)) {
                    return p.get(i, base + i);
                }
            }
            e = pages.higherEntry(e.getKey());
        }
        return null;
    }

    /** @param seq a sequence @return the live entry at or before it, or null */
    E floor(long seq) {
        if (seq < 0) {
            return null;
        }
        Map.Entry<Long, Page<E>> e = pages.floorEntry(seq / PAGE_SLOTS);
        while (e != null) {
            long base = e.getKey() * PAGE_SLOTS;
            int start = (int) Math.min(PAGE_SLOTS - 1, seq - base);
            Page<E> p = e.getValue();
            for (int i = start; i >= 0; i--) {
                if (p.has(i)) {
                    return p.get(i, base + i);
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
    void forEach(long from, long to, Consumer<E> visitor) {
        forEachPage(from, to, (p, base, start, end) -> {
            for (int i = start; i <= end; i++) {
                if (p.has(i)) {
                    visitor.accept(p.get(i, base + i));
                }
            }
        });
    }

    /** Told of each page's slot range by {@link #forEachPage}. */
    @FunctionalInterface
    interface PageVisitor<E> {
        /**
         * @param page a page
         * @param base the sequence of its slot 0
         * @param from the first slot in range
         * @param to   the last slot in range
         */
        void visit(Page<E> page, long base, int from, int to);
    }

    /**
     * Visits the pages that hold sequences in {@code [from, to]} in ascending order, with the slot range of each,
     * so that a caller can read a page's storage without an entry object per slot; it must not change the table.
     *
     * @param from    first sequence
     * @param to      last sequence
     * @param visitor told of each page
     */
    void forEachPage(long from, long to, PageVisitor<E> visitor) {
        if (to < from) {
            return;
        }
        long lo = Math.max(from, 0);
        for (Map.Entry<Long, Page<E>> e : pages.subMap(lo / PAGE_SLOTS, true, to / PAGE_SLOTS, true).entrySet()) {
            long base = e.getKey() * PAGE_SLOTS;
            visitor.visit(e.getValue(), base, (int) Math.max(0, lo - base), (int) Math.min(PAGE_SLOTS - 1, to - base));
        }
    }

    /**
     * Removes the live entries in {@code [from, to]}, telling the visitor of each in ascending order.
     *
     * @param from first sequence
     * @param to   last sequence
     * @param visitor told of each removed entry
     */
    void removeRange(long from, long to, Consumer<E> visitor) {
        if (to < from) {
            return;
        }
        long lo = Math.max(from, 0);
        Iterator<Map.Entry<Long, Page<E>>> it =
            pages.subMap(lo / PAGE_SLOTS, true, to / PAGE_SLOTS, true).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Page<E>> e = it.next();
            long base = e.getKey() * PAGE_SLOTS;
            int start = (int) Math.max(0, lo - base);
            int end = (int) Math.min(PAGE_SLOTS - 1, to - base);
            Page<E> p = e.getValue();
            for (int i = start; i <= end; i++) {
                if (p.has(i)) {
                    visitor.accept(p.get(i, base + i));
                    p.clear(i);
                    p.count--;
                    size--;
                }
            }
            if (p.count == 0) {
                it.remove();
            }
        }
        forgetCachedPages();
    }

    /** Removes everything. */
    void clear() {
        pages.clear();
        forgetCachedPages();
        size = 0;
    }
}
