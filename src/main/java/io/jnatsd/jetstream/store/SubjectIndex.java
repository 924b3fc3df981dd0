package io.jnatsd.jetstream.store;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Per-subject count, first and last live sequence, for last-by-subject, max-per-subject and filtered
 * lookups; the per-subject state ({@code fss}) of {@code server/memstore.go}.
 *
 * <p>Design note: first and last are kept lazily, as in the reference: removing a subject's first (or last)
 * message only marks it stale, and the next reader walks the sequence table to find the new one. So removals
 * stay O(1) and a burst of removals from one subject costs one walk.
 *
 * <p>Threading: not thread-safe; the owning store's lock guards it.
 *
 * @param <E> the entry type of the table it walks
 */
final class SubjectIndex<E extends MsgEntry> {

    /** Mutable per-subject state. */
    static final class Entry {
        /** The one copy of the subject that every live entry of it shares. */
        final String subject;
        long msgs;
        long first;
        long last;
        boolean firstStale;
        boolean lastStale;

        Entry(String subject) {
            this.subject = subject;
        }
    }

    private final Map<String, Entry> subjects = new HashMap<>();
    /** The same subjects in order, so that a filter with a literal prefix visits only its own range. */
    private final NavigableSet<String> sorted = new TreeSet<>();
    private final SeqTable<E> table;

    /** @param table the sequence table to walk when first or last is stale */
    SubjectIndex(SeqTable<E> table) {
        this.table = table;
    }

    /** @return distinct subjects */
    int size() {
        return subjects.size();
    }

    /** @param subject a literal subject @return its state without refreshing, or null */
    Entry peek(String subject) {
        return subjects.get(subject);
    }

    /** @param subject a literal subject @return its refreshed state, or null */
    Entry get(String subject) {
        Entry e = subjects.get(subject);
        if (e != null) {
            refresh(subject, e);
        }
        return e;
    }

    /**
     * @param subject a subject the table's sequence {@code seq} now holds
     * @param seq     the new last sequence of the table
     * @return its state after the add
     */
    Entry add(String subject, long seq) {
        return add(subjects.get(subject), subject, seq);
    }

    /**
     * {@link #add(String, long)} for a caller that just looked the subject up with {@link #peek}.
     *
     * @param known   the subject's current state from {@link #peek}, or null if it has none
     * @param subject a subject the table's sequence {@code seq} now holds
     * @param seq     the new last sequence of the table
     * @return its state after the add
     */
    Entry add(Entry known, String subject, long seq) {
        Entry e = known;
        if (e == null) {
            e = new Entry(subject);
            e.first = seq;
            subjects.put(subject, e);
            sorted.add(subject);
        } else if (e.msgs == 0) {
            e.first = seq;
            e.firstStale = false;
        }
        e.msgs++;
        e.last = seq;
        e.lastStale = false;
        return e;
    }

    /** @param subject subject of a removed message @param seq its sequence */
    void remove(String subject, long seq) {
        Entry e = subjects.get(subject);
        if (e == null) {
            return;
        }
        if (e.msgs <= 1) {
            subjects.remove(subject);
            sorted.remove(subject);
            return;
        }
        e.msgs--;
        if (seq == e.first) {
            e.firstStale = true;
        }
        if (seq == e.last) {
            e.lastStale = true;
        }
    }

    private void refresh(String subject, Entry e) {
        if (e.firstStale) {
            E found = null;
            for (E x = table.ceiling(e.first + 1); x != null && x.seq() <= e.last; x = table.ceiling(x.seq() + 1)) {
                if (x.subject().equals(subject)) {
                    found = x;
                    break;
                }
            }
            if (found != null) {
                e.first = found.seq();
            }
            e.firstStale = false;
        }
        if (e.lastStale) {
            for (E x = table.floor(e.last - 1); x != null && x.seq() >= e.first; x = table.floor(x.seq() - 1)) {
                if (x.subject().equals(subject)) {
                    e.last = x.seq();
                    break;
                }
            }
            e.lastStale = false;
        }
    }

    /**
     * @param filter a subject filter
     * @return the summed state of matching subjects
     */
    SimpleState filtered(SubjectFilter filter) {
        if (filter.isLiteral()) {
            Entry e = get(filter.text());
            return e == null ? SimpleState.EMPTY : new SimpleState(e.msgs, e.first, e.last);
        }
        long msgs = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        for (String s : candidates(filter)) {
            if (filter.matches(s)) {
                Entry e = subjects.get(s);
                refresh(s, e);
                msgs += e.msgs;
                first = Math.min(first, e.first);
                last = Math.max(last, e.last);
            }
        }
        return msgs == 0 ? SimpleState.EMPTY : new SimpleState(msgs, first, last);
    }

    /**
     * @param filter a subject filter
     * @return live message counts of matching subjects, sorted by subject
     */
    Map<String, Long> totals(SubjectFilter filter) {
        Map<String, Long> out = new TreeMap<>();
        if (filter.isLiteral()) {
            Entry e = subjects.get(filter.text());
            if (e != null) {
                out.put(filter.text(), e.msgs);
            }
            return out;
        }
        for (String s : candidates(filter)) {
            if (filter.matches(s)) {
                out.put(s, subjects.get(s).msgs);
            }
        }
        return out;
    }

    /** @return the subjects that share the filter's literal prefix (all of them if it starts with a wildcard) */
    private NavigableSet<String> candidates(SubjectFilter filter) {
        String prefix = filter.literalPrefix();
        if (prefix.isEmpty()) {
            return sorted;
        }
        return sorted.subSet(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    /** @param visitor told of every subject and its raw state */
    void forEach(BiConsumer<String, Entry> visitor) {
        subjects.forEach(visitor);
    }

    /** Removes every subject. */
    void clear() {
        subjects.clear();
        sorted.clear();
    }
}
