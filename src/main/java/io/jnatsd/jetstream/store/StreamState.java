package io.jnatsd.jetstream.store;

/**
 * Twin of {@code StreamState} in {@code server/store.go}: a snapshot of a stream's store.
 *
 * @param msgs           live messages
 * @param bytes          their accounted size (the reference's per-store size formula)
 * @param firstSeq       first live sequence, or {@code lastSeq + 1} when empty
 * @param firstTimeNanos store time of the first live message, 0 when empty
 * @param lastSeq        last sequence handed out
 * @param lastTimeNanos  store time of the last message stored
 * @param numSubjects    distinct subjects among live messages
 * @param numDeleted     interior gaps between first and last (the sequences themselves:
 *                       {@link StreamStore#deletedSeqs()})
 * @param consumers      registered consumers
 */
public record StreamState(long msgs, long bytes, long firstSeq, long firstTimeNanos, long lastSeq,
                          long lastTimeNanos, int numSubjects, int numDeleted, int consumers) {
}
