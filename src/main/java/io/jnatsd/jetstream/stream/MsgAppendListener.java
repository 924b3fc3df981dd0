package io.jnatsd.jetstream.stream;

/**
 * Told that a stream stored a message; consumers wake on it.
 *
 * <p>Called on the stream's ingest thread right after the store accepted the message (before it is durable), in
 * sequence order. Must not block: hand real work to your own thread.
 */
@FunctionalInterface
public interface MsgAppendListener {
    /**
     * @param stream  the stream
     * @param seq     the new message's sequence
     * @param subject its stored subject
     */
    void onAppended(Stream stream, long seq, String subject);
}
