package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.store.MemStore;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.jetstream.store.StreamStoreConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** An atomic batch cut short by a crash is removed from the end of the stream; committed batches stay. */
class PartialBatchTrimTest {

    private final StreamStore store = new MemStore(StreamStoreConfig.unlimited("T"));

    @Test
    void shouldRemoveUncommittedTail_whenLastMessagesBelongToBatchWithoutCommit() {
        store.storeMsg("plain", null, new byte[] {1}, 0);
        store.storeMsg("b", batch("x", 1, false), new byte[] {2}, 0);
        store.storeMsg("b", batch("x", 2, true), new byte[] {3}, 0);
        store.storeMsg("b", batch("y", 1, false), new byte[] {4}, 0);
        store.storeMsg("b", batch("y", 2, false), new byte[] {5}, 0);

        long removed = PartialBatchTrim.trim(store);

        assertThat(removed).isEqualTo(2);
        assertThat(store.state().lastSeq()).isEqualTo(3);
        assertThat(store.state().msgs()).isEqualTo(3);
    }

    @Test
    void shouldKeepEverything_whenLastBatchWasCommitted() {
        store.storeMsg("b", batch("x", 1, false), new byte[] {2}, 0);
        store.storeMsg("b", batch("x", 2, true), new byte[] {3}, 0);

        assertThat(PartialBatchTrim.trim(store)).isZero();
        assertThat(store.state().msgs()).isEqualTo(2);
    }

    @Test
    void shouldKeepEverything_whenLastMessageIsNotInABatch() {
        store.storeMsg("b", batch("x", 1, false), new byte[] {2}, 0);
        store.storeMsg("plain", null, new byte[] {1}, 0);

        assertThat(PartialBatchTrim.trim(store)).isZero();
        assertThat(PartialBatchTrim.trim(new MemStore(StreamStoreConfig.unlimited("EMPTY")))).isZero();
        assertThat(store.state().msgs()).isEqualTo(2);
    }

    private static byte[] batch(String id, int seq, boolean commit) {
        String h = "NATS/1.0\r\nNats-Batch-Id: " + id + "\r\nNats-Batch-Sequence: " + seq + "\r\n"
            + (commit ? "Nats-Batch-Commit: 1\r\n" : "") + "\r\n";
        return h.getBytes(StandardCharsets.US_ASCII);
    }
}
