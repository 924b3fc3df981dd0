package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.store.SimpleState;
import io.jnatsd.jetstream.store.StreamState;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.store.SubjectFilter;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Twin of {@code selectStartingSeqNo} in {@code server/consumer.go}: where a new consumer starts, by its deliver
 * policy, and for last_per_subject the list of last sequences to send first.
 *
 * @param startSeq  the first stream sequence to look at
 * @param skipList  for last_per_subject: the sequences to deliver first, in order (empty otherwise)
 * @param resumeSeq for last_per_subject: where to continue once the list is done
 */
public record StartPosition(long startSeq, ArrayDeque<Long> skipList, long resumeSeq) {

    /**
     * @param config  the consumer config
     * @param store   the stream's store
     * @param filters the consumer's filters (empty for none)
     * @return the start position
     */
    public static StartPosition select(ConsumerConfig config, StreamStore store, List<SubjectFilter> filters) {
        StreamState state = store.state();
        long first = state.firstSeq();
        long last = state.lastSeq();
        long seq;
        ArrayDeque<Long> skip = new ArrayDeque<>();
        long resume = 0;
        if (config.optStartSeq() != 0) {
            seq = config.optStartSeq();
        } else {
            switch (config.deliverPolicy()) {
                case ALL -> seq = first;
                case LAST -> seq = lastOf(store, config, last);
                case LAST_PER_SUBJECT -> {
                    List<Long> seqs = store.multiLastSeqs(filters.isEmpty() ? List.of(SubjectFilter.of(">"))
                        : filters, 0, 0);
                    skip.addAll(seqs);
                    resume = last + 1;
                    seq = seqs.isEmpty() ? last : seqs.get(0);
                }
                case BY_START_TIME -> seq = store.seqFromTime(nanos(config.optStartTime()));
                default -> seq = last + 1;
            }
        }
        if (first == 0 && config.optStartSeq() == 0) {
            seq = 1;
        } else if (seq > last && config.optStartSeq() == 0) {
            seq = last + 1;
        } else if (seq < first) {
            seq = first;
        }
        return new StartPosition(Math.max(1, seq), skip, resume);
    }

    private static long lastOf(StreamStore store, ConsumerConfig config, long last) {
        List<String> filters = config.filters();
        if (filters.isEmpty()) {
            return last;
        }
        long seq = 0;
        for (String f : filters) {
            SimpleState ss = store.filteredState(1, f);
            seq = Math.max(seq, ss.last());
        }
        return seq;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
