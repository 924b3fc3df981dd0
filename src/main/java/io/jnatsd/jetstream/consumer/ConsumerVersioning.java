package io.jnatsd.jetstream.consumer;

import io.jnatsd.jetstream.stream.AssetVersioning;

/**
 * The consumer half of {@code server/jetstream_versioning.go}: the API level a consumer's config needs, stored in
 * its metadata, and the config compared with its versioning keys taken from the one in force.
 *
 * <p>Threading: stateless.
 */
final class ConsumerVersioning {
    private ConsumerVersioning() {
    }

    /**
     * @param c a consumer config
     * @return the API level its features need, as the reference counts them
     */
    static int requiredLevel(ConsumerConfig c) {
        int level = 0;
        if (c.pauseUntil() != null && c.pauseUntil().getEpochSecond() > 0) {
            level = 1;
        }
        if (c.priorityPolicy() != PriorityPolicy.NONE || c.pinnedTtlNanos() != 0
            || (c.priorityGroups() != null && !c.priorityGroups().isEmpty())) {
            level = 1;
        }
        if (c.ackPolicy() == AckPolicy.FLOW_CONTROL) {
            level = 4;
        }
        return level;
    }

    /**
     * @param c a checked consumer config
     * @return the config to store, with the level it needs and without the answer-only keys
     */
    static ConsumerConfig withStaticMetadata(ConsumerConfig c) {
        ConsumerConfig.Builder b = c.toBuilder();
        b.metadata = AssetVersioning.staticMetadata(c.metadata(), requiredLevel(c));
        return b.build();
    }

    /**
     * @param c    the config as asked
     * @param prev the config in force
     * @return {@code c} with {@code prev}'s versioning keys, for an equality check that ignores them
     */
    static ConsumerConfig withVersioningOf(ConsumerConfig c, ConsumerConfig prev) {
        ConsumerConfig.Builder b = c.toBuilder();
        b.metadata = AssetVersioning.copyRequiredLevel(c.metadata(), prev.metadata());
        return b.build();
    }
}
