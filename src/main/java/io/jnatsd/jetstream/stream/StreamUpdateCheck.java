package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.errors.ApiError;

import java.util.Objects;

/**
 * Twin of {@code configUpdateCheck} in {@code server/stream.go}: what a stream update may not change.
 *
 * <p>Threading: stateless.
 */
final class StreamUpdateCheck {
    private StreamUpdateCheck() {
    }

    /**
     * @param old the current config
     * @param cfg the requested config, already normalised
     * @return the config to apply (a sealed stream gets the reference's sealed settings)
     */
    static StreamConfig check(StreamConfig old, StreamConfig cfg) {
        if (!cfg.name().equals(old.name())) {
            throw StreamConfigCheck.invalid("stream configuration name must match original");
        }
        if (cfg.numReplicas() > 1) {
            throw ApiError.STREAM_REPLICAS_NOT_SUPPORTED.toException();
        }
        if (!cfg.storage().equals(old.storage())) {
            throw StreamConfigCheck.invalid("stream configuration update can not change storage type");
        }
        if (!cfg.retention().equals(old.retention())
            && (old.isWorkQueue() || cfg.isWorkQueue())) {
            throw StreamConfigCheck.invalid(
                "stream configuration update can not change retention policy to/from workqueue");
        }
        if (!cfg.sealed() && old.sealed()) {
            throw StreamConfigCheck.invalid("stream configuration update can not unseal a sealed stream");
        }
        if (!cfg.denyDelete() && old.denyDelete()) {
            throw StreamConfigCheck.invalid("stream configuration update can not cancel deny message deletes");
        }
        if (!cfg.denyPurge() && old.denyPurge()) {
            throw StreamConfigCheck.invalid("stream configuration update can not cancel deny purge");
        }
        if (cfg.mirror() != null && !Objects.equals(cfg.mirror(), old.mirror())) {
            throw ApiError.STREAM_MIRROR_NOT_UPDATABLE.toException();
        }
        if (old.allowMsgTtl() && !cfg.allowMsgTtl()) {
            throw StreamConfigCheck.invalid("message TTL status can not be disabled");
        }
        if (cfg.allowMsgCounter() != old.allowMsgCounter()) {
            throw StreamConfigCheck.invalid("stream configuration update can not change message counter setting");
        }
        if (old.allowMsgSchedules() && !cfg.allowMsgSchedules()) {
            throw StreamConfigCheck.invalid("message schedules can not be disabled");
        }
        if (!Objects.equals(emptyToNull(old.persistMode()), emptyToNull(cfg.persistMode()))) {
            throw StreamConfigCheck.invalid("stream configuration update can not change persist mode");
        }
        if (cfg.sealed()) {
            return cfg.toBuilder().maxAge(0).discard(StreamConfig.DISCARD_NEW).denyDelete(true).denyPurge(true)
                .allowRollupHdrs(false).build();
        }
        return cfg;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
