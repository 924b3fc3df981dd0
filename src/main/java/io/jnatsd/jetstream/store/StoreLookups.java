package io.jnatsd.jetstream.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The read side of {@link StoreEngine}: next, previous and last matches, filtered counts, time lookups and
 * last-per-subject lists over the sequence table and the subject index. Twin of the lookup functions of
 * {@code server/memstore.go} ({@code loadNextMsgLocked}, {@code LoadPrevMsg}, {@code GetSeqFromTime},
 * {@code MultiLastSeqs}, {@code filteredStateLocked}).
 *
 * <p>Design note: lookups pick between the subject index (per-subject first and last) and a walk of the
 * sequence range, whichever touches less: a filter with a literal prefix always uses the index (it visits only
 * the subjects under the prefix); one that starts with a wildcard uses it when there are fewer subjects than
 * sequences to walk.
 *
 * <p>Threading: caller holds the store lock.
 *
 * @param <E> the entry type
 */
final class StoreLookups<E extends MsgEntry> {
    private final SeqTable<E> table;
    private final SubjectIndex<E> subjects;

    StoreLookups(SeqTable<E> table, SubjectIndex<E> subjects) {
        this.table = table;
        this.subjects = subjects;
    }

    /** @return the first live entry in {@code [start, lastSeq]} matching any filter, or null */
    E next(List<SubjectFilter> filters, long start, long lastSeq) {
        if (start > lastSeq || table.size() == 0) {
            return null;
        }
        for (SubjectFilter f : filters) {
            if (f.matchesAll()) {
                return table.ceiling(start);
            }
        }
        long lo = start;
        long hi = lastSeq;
        if (useIndex(filters, hi - lo)) {
            long first = Long.MAX_VALUE;
            long last = 0;
            for (SubjectFilter f : filters) {
                SimpleState ss = subjects.filtered(f);
                if (ss.msgs() > 0 && ss.last() >= start) {
                    first = Math.min(first, ss.first());
                    last = Math.max(last, ss.last());
                }
            }
            if (last == 0) {
                return null;
            }
            lo = Math.max(lo, first);
            hi = last;
        }
        for (E e = table.ceiling(lo); e != null && e.seq() <= hi; e = table.ceiling(e.seq() + 1)) {
            if (SubjectFilter.anyMatches(filters, e.subject())) {
                return e;
            }
        }
        return null;
    }

    /** @return the last live entry in {@code [firstSeq, start]} matching any filter, or null */
    E prev(List<SubjectFilter> filters, long start, long firstSeq) {
        if (start < firstSeq || table.size() == 0) {
            return null;
        }
        for (SubjectFilter f : filters) {
            if (f.matchesAll()) {
                return table.floor(start);
            }
        }
        long lo = firstSeq;
        long hi = start;
        if (useIndex(filters, hi - lo)) {
            long first = Long.MAX_VALUE;
            long last = 0;
            for (SubjectFilter f : filters) {
                SimpleState ss = subjects.filtered(f);
                if (ss.msgs() > 0 && ss.first() <= start) {
                    first = Math.min(first, ss.first());
                    last = Math.max(last, ss.last());
                }
            }
            if (last == 0) {
                return null;
            }
            lo = first;
            hi = Math.min(hi, last);
        }
        for (E e = table.floor(hi); e != null && e.seq() >= lo; e = table.floor(e.seq() - 1)) {
            if (SubjectFilter.anyMatches(filters, e.subject())) {
                return e;
            }
        }
        return null;
    }

    /**
     * @return true to bound the walk with the subject index first: always for filters with a literal prefix
     *         (the index visits only subjects under it), else when there are fewer subjects than sequences
     */
    private boolean useIndex(List<SubjectFilter> filters, long rangeLen) {
        for (SubjectFilter f : filters) {
            if (f.literalPrefix().isEmpty()) {
                return subjects.size() < rangeLen;
            }
        }
        return true;
    }

    /** @return the last live entry matching the filter, or null */
    E last(SubjectFilter f, long lastSeq) {
        if (f.matchesAll()) {
            return table.get(lastSeq);
        }
        SimpleState ss = subjects.filtered(f);
        return ss.msgs() == 0 ? null : table.get(ss.last());
    }

    /** @return count, first and last of live entries at or after {@code start} matching the filter */
    SimpleState filtered(long start, SubjectFilter filter, long firstSeq, long lastSeq) {
        if (table.size() == 0) {
            return SimpleState.EMPTY;
        }
        if (start <= firstSeq) {
            if (filter.matchesAll()) {
                return new SimpleState(table.size(), firstSeq, table.floor(lastSeq).seq());
            }
            return subjects.filtered(filter);
        }
        long[] acc = {0, 0, 0};
        table.forEach(start, lastSeq, e -> {
            if (filter.matches(e.subject())) {
                if (acc[0]++ == 0) {
                    acc[1] = e.seq();
                }
                acc[2] = e.seq();
            }
        });
        return acc[0] == 0 ? SimpleState.EMPTY : new SimpleState(acc[0], acc[1], acc[2]);
    }

    /**
     * @param start          first sequence to count
     * @param filter         subject filter
     * @param lastPerSubject count only the last message of each subject
     * @param firstSeq       the store's first sequence
     * @param lastSeq        the store's last sequence
     * @return matching live messages at or after {@code start}
     */
    long numPending(long start, SubjectFilter filter, boolean lastPerSubject, long firstSeq, long lastSeq) {
        if (!lastPerSubject) {
            return filtered(start, filter, firstSeq, lastSeq).msgs();
        }
        long[] n = {0};
        subjects.totals(filter).keySet().forEach(s -> {
            if (subjects.get(s).last >= start) {
                n[0]++;
            }
        });
        return n[0];
    }

    /**
     * @return the first live sequence stored at or after {@code tsNanos} (binary search: store times ascend),
     *         or {@code lastSeq + 1} if none
     */
    long seqFromTime(long tsNanos, long firstSeq, long lastSeq) {
        long lo = firstSeq;
        long hi = lastSeq;
        long found = lastSeq + 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            E e = table.ceiling(mid);
            if (e == null || e.seq() > hi) {
                hi = mid - 1;
            } else if (e.timestampNanos() >= tsNanos) {
                found = e.seq();
                hi = mid - 1;
            } else {
                lo = e.seq() + 1;
            }
        }
        return found;
    }

    /**
     * @param filters    subject filters
     * @param maxSeq     only sequences at or below this count (0: no bound)
     * @param maxAllowed most results (0: no bound)
     * @param lastSeq    the store's last sequence
     * @return the last live sequence of each matching subject, ascending
     * @throws StoreException TOO_MANY_RESULTS past {@code maxAllowed}
     */
    List<Long> lastSeqs(List<SubjectFilter> filters, long maxSeq, int maxAllowed, long lastSeq) {
        long bound = maxSeq <= 0 || maxSeq > lastSeq ? lastSeq : maxSeq;
        List<Long> out = new ArrayList<>();
        if (bound == lastSeq) {
            Set<String> seen = new HashSet<>();
            for (SubjectFilter f : filters) {
                subjects.totals(f).keySet().forEach(s -> {
                    if (seen.add(s)) {
                        out.add(subjects.get(s).last);
                    }
                });
            }
        } else {
            Set<String> seen = new HashSet<>();
            for (E e = table.floor(bound); e != null; e = table.floor(e.seq() - 1)) {
                if (SubjectFilter.anyMatches(filters, e.subject()) && seen.add(e.subject())) {
                    out.add(e.seq());
                }
            }
        }
        if (maxAllowed > 0 && out.size() > maxAllowed) {
            throw new StoreException(StoreError.TOO_MANY_RESULTS);
        }
        out.sort(null);
        return out;
    }
}
