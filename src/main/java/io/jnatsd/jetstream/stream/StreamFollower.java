package io.jnatsd.jetstream.stream;

/**
 * One mirror or source of a stream, as the stream sees it: started once its origin can be reached, stopped with the
 * stream, and reported in stream info.
 *
 * <p>Threading: implementations are thread-safe.
 */
sealed interface StreamFollower permits SourceFollower, ExternalSourceFollower {

    /** @return the origin stream's name */
    String originName();

    /**
     * Starts following when the origin can be reached; a no-op once started.
     *
     * @param owner the follower stream's account, where a local origin is looked up
     */
    void attachIfReady(AccountStreams owner);

    /** Stops following for good. */
    void stop();

    /** @return messages of the origin not yet copied, as last known */
    long lag();

    /** @return nanoseconds since the last copy, or -1 when never active */
    long activeAgoNanos();
}
