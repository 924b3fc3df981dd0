package io.jnatsd.jetstream.stream;

/**
 * Told of the changes of a stream that consumers must follow. Every method has an empty default.
 *
 * <p>Called on the thread that made the change (an API worker or the ingest thread), after the change; must not
 * block.
 */
public interface StreamLifecycleListener {
    /**
     * Messages were purged (API purge or a rollup).
     *
     * @param stream  the stream
     * @param purged  how many messages went
     * @param newFirstSeq the stream's first sequence after the purge
     */
    default void onPurged(Stream stream, long purged, long newFirstSeq) {
    }

    /**
     * A single message was removed through the API.
     *
     * @param stream the stream
     * @param seq    its sequence
     */
    default void onMsgDeleted(Stream stream, long seq) {
    }

    /**
     * The configuration changed.
     *
     * @param stream the stream, already with its new config
     * @param old    the config before
     */
    default void onConfigUpdated(Stream stream, StreamConfig old) {
    }

    /**
     * The stream is being deleted: its store closes right after this call; consumers stop and delete themselves.
     *
     * @param stream the stream
     */
    default void onDeleted(Stream stream) {
    }
}
