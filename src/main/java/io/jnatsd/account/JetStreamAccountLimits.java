package io.jnatsd.account;

/**
 * Twin of {@code JetStreamAccountLimits} in {@code server/jetstream.go}: what one tier of an account may hold in
 * JetStream. -1 is no limit (the reference's dynamic limits). Immutable.
 *
 * @param maxMemoryBytes            memory storage of all the tier's streams ({@code max_memory})
 * @param maxStoreBytes             file storage of all the tier's streams ({@code max_storage})
 * @param maxStreams                streams ({@code max_streams})
 * @param maxConsumers              consumers per stream ({@code max_consumers})
 * @param maxAckPending             a consumer's largest {@code max_ack_pending}
 * @param memoryMaxStreamBytes      largest {@code max_bytes} of a memory stream
 * @param storeMaxStreamBytes       largest {@code max_bytes} of a file stream
 * @param maxBytesRequired          whether every stream must set {@code max_bytes}
 */
public record JetStreamAccountLimits(long maxMemoryBytes, long maxStoreBytes, int maxStreams, int maxConsumers,
                                     int maxAckPending, long memoryMaxStreamBytes, long storeMaxStreamBytes,
                                     boolean maxBytesRequired) {

    /** No limit on anything: the reference's {@code dynamicJSAccountLimits}. */
    public static final JetStreamAccountLimits UNLIMITED = new JetStreamAccountLimits(-1, -1, -1, -1, -1, -1, -1,
        false);

    /**
     * @param memory true for memory storage, false for file storage
     * @return the storage limit of that kind, negative for none
     */
    public long maxBytesOf(boolean memory) {
        return memory ? maxMemoryBytes : maxStoreBytes;
    }

    /**
     * @param memory true for memory storage, false for file storage
     * @return the largest {@code max_bytes} a stream of that kind may ask for, 0 or less for no limit
     */
    public long maxStreamBytesOf(boolean memory) {
        return memory ? memoryMaxStreamBytes : storeMaxStreamBytes;
    }
}
