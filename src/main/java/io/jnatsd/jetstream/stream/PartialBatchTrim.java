package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.store.SubjectFilter;

import java.util.List;

/**
 * Keeps atomic batches whole across a crash. A committed batch is stored in one run of sequences that ends with
 * the message carrying {@code Nats-Batch-Commit}, and its PubAck waits until the whole run is durable; so if the
 * stream's last messages belong to a batch and none of them carries the commit mark, the server stopped in the
 * middle of writing that batch, nobody was told it was stored, and the run is removed when the stream opens.
 * The reference gets the same guarantee by staging batches on disk and applying them again on restart.
 *
 * <p>Stateless and thread-safe; runs before the stream takes messages.
 */
final class PartialBatchTrim {
    private static final List<SubjectFilter> ALL = List.of(SubjectFilter.of(">"));

    private PartialBatchTrim() {
    }

    /**
     * @param store the stream's store, just opened
     * @return how many messages of an uncommitted batch were removed from the end
     */
    static long trim(StreamStore store) {
        long last = store.state().lastSeq();
        StoredMsg m = previous(store, last);
        JsHeaders h = m == null ? null : JsHeaders.parse(m.headers());
        if (h == null || h.batchId() == null || h.batchId().isEmpty() || h.batchCommit() != null) {
            return 0;
        }
        String id = h.batchId();
        long first = m.seq();
        for (StoredMsg p = previous(store, first - 1); p != null; p = previous(store, p.seq() - 1)) {
            JsHeaders ph = JsHeaders.parse(p.headers());
            if (ph == null || !id.equals(ph.batchId()) || ph.batchCommit() != null) {
                break;
            }
            first = p.seq();
        }
        long removed = store.state().msgs();
        store.truncate(first - 1);
        return removed - store.state().msgs();
    }

    private static StoredMsg previous(StreamStore store, long seq) {
        if (seq <= 0) {
            return null;
        }
        try {
            return store.loadPrevMsg(ALL, seq);
        } catch (StoreException e) {
            return null;
        }
    }
}
