package io.jnatsd.config;

import java.time.Duration;

/**
 * The {@code jetstream { ... }} block beyond {@code enabled} and {@code store_dir} (which stay in
 * {@link ServerOptions} because the {@code -js} and {@code -sd} flags set them). Twin of {@code JetStreamConfig}
 * and {@code JSLimitOpts} in {@code server/opts.go}. Immutable.
 *
 * @param maxMemoryBytes       {@code max_memory_store}, -1 for the default (75% of RAM in the reference)
 * @param maxFileBytes         {@code max_file_store}, -1 for the default (1 TB or the disk)
 * @param domain               {@code domain}, "" for none
 * @param syncInterval         {@code sync_interval}: null for jnatsd's default (group commit, ack after fsync),
 *                             "always", or a Go duration for the reference's lazy mode
 * @param uniqueTag            {@code unique_tag}, "" for none
 * @param strict               {@code strict}: refuse unknown API request fields
 * @param maxBufferedMsgs      {@code max_buffered_msgs}, 0 for the default
 * @param maxBufferedBytes     {@code max_buffered_size}, 0 for the default
 * @param requestQueueLimit    {@code request_queue_limit}, 0 for the default
 * @param maxAckPendingLimit   {@code limits.max_ack_pending}, 0 for none
 * @param maxHaAssetsLimit     {@code limits.max_ha_assets}, 0 for none
 * @param maxRequestBatchLimit {@code limits.max_request_batch}, 0 for none
 * @param duplicateWindowLimit {@code limits.duplicate_window}, null for none
 */
public record JetStreamOptions(long maxMemoryBytes, long maxFileBytes, String domain, String syncInterval,
                               String uniqueTag, boolean strict, long maxBufferedMsgs, long maxBufferedBytes,
                               long requestQueueLimit, int maxAckPendingLimit, int maxHaAssetsLimit,
                               int maxRequestBatchLimit, Duration duplicateWindowLimit) {

    /** No block given: every default. */
    public static final JetStreamOptions DEFAULTS = new JetStreamOptions(-1, -1, "", null, "", false, 0, 0, 0, 0, 0,
        0, null);

    /** Normalises nulls. */
    public JetStreamOptions {
        domain = domain == null ? "" : domain;
        uniqueTag = uniqueTag == null ? "" : uniqueTag;
    }
}
