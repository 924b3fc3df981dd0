package io.jnatsd.jetstream.store;

/**
 * The limits a store enforces; the store-facing subset of {@code StreamConfig} in {@code server/stream.go}.
 *
 * <p>A limit of 0 or less means unlimited, as in the reference (which uses -1).
 *
 * @param name                 the stream's name
 * @param maxMsgs              most live messages
 * @param maxBytes             most accounted bytes
 * @param maxAgeNanos          oldest message age before expiry
 * @param maxMsgsPerSubject    most live messages per subject
 * @param discard              what to do when {@code maxMsgs} or {@code maxBytes} is reached
 * @param discardNewPerSubject with {@link DiscardPolicy#NEW}, also refuse when a subject is at its limit
 * @param subjectDeleteMarkerTtlSeconds when positive, expiring the last message of a subject leaves a subject
 *                      delete marker with this TTL ({@code subject_delete_marker_ttl})
 */
public record StreamStoreConfig(String name, long maxMsgs, long maxBytes, long maxAgeNanos, long maxMsgsPerSubject,
                                DiscardPolicy discard, boolean discardNewPerSubject,
                                long subjectDeleteMarkerTtlSeconds) {

    /** Checks the fields. */
    public StreamStoreConfig {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("stream name required");
        }
        if (discard == null) {
            discard = DiscardPolicy.OLD;
        }
    }

    /**
     * A config without subject delete markers.
     *
     * @param name                 the stream's name
     * @param maxMsgs              most live messages
     * @param maxBytes             most accounted bytes
     * @param maxAgeNanos          oldest message age before expiry
     * @param maxMsgsPerSubject    most live messages per subject
     * @param discard              the discard policy
     * @param discardNewPerSubject discard new per subject
     */
    public StreamStoreConfig(String name, long maxMsgs, long maxBytes, long maxAgeNanos, long maxMsgsPerSubject,
                             DiscardPolicy discard, boolean discardNewPerSubject) {
        this(name, maxMsgs, maxBytes, maxAgeNanos, maxMsgsPerSubject, discard, discardNewPerSubject, 0);
    }

    /**
     * @param name the stream's name
     * @return a config with no limits
     */
    public static StreamStoreConfig unlimited(String name) {
        return new StreamStoreConfig(name, 0, 0, 0, 0, DiscardPolicy.OLD, false, 0);
    }

    /** @param seconds marker TTL @return a copy that leaves subject delete markers */
    public StreamStoreConfig withSubjectDeleteMarkerTtlSeconds(long seconds) {
        return new StreamStoreConfig(name, maxMsgs, maxBytes, maxAgeNanos, maxMsgsPerSubject, discard,
            discardNewPerSubject, seconds);
    }

    /** @param n most live messages @return a copy with that limit */
    public StreamStoreConfig withMaxMsgs(long n) {
        return new StreamStoreConfig(name, n, maxBytes, maxAgeNanos, maxMsgsPerSubject, discard, discardNewPerSubject,
            subjectDeleteMarkerTtlSeconds);
    }

    /** @param n most accounted bytes @return a copy with that limit */
    public StreamStoreConfig withMaxBytes(long n) {
        return new StreamStoreConfig(name, maxMsgs, n, maxAgeNanos, maxMsgsPerSubject, discard, discardNewPerSubject,
            subjectDeleteMarkerTtlSeconds);
    }

    /** @param nanos max age @return a copy with that limit */
    public StreamStoreConfig withMaxAgeNanos(long nanos) {
        return new StreamStoreConfig(name, maxMsgs, maxBytes, nanos, maxMsgsPerSubject, discard, discardNewPerSubject,
            subjectDeleteMarkerTtlSeconds);
    }

    /** @param n most messages per subject @return a copy with that limit */
    public StreamStoreConfig withMaxMsgsPerSubject(long n) {
        return new StreamStoreConfig(name, maxMsgs, maxBytes, maxAgeNanos, n, discard, discardNewPerSubject,
            subjectDeleteMarkerTtlSeconds);
    }

    /** @param policy the discard policy @param perSubject discard new per subject @return a copy with them */
    public StreamStoreConfig withDiscard(DiscardPolicy policy, boolean perSubject) {
        return new StreamStoreConfig(name, maxMsgs, maxBytes, maxAgeNanos, maxMsgsPerSubject, policy, perSubject,
            subjectDeleteMarkerTtlSeconds);
    }
}
