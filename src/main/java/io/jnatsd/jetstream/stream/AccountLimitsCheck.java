package io.jnatsd.jetstream.stream;

import io.jnatsd.account.AccountJetStream;
import io.jnatsd.account.JetStreamAccountLimits;
import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.errors.ApiException;
import io.jnatsd.jetstream.store.FileStore;
import io.jnatsd.jetstream.store.MemStore;

/**
 * Twin of the account limit checks of {@code server/jetstream.go} and {@code server/jetstream_api.go}
 * ({@code jsNonClusteredStreamLimitsCheck}, {@code checkLimits}, {@code checkBytesLimits}, {@code countStreams},
 * {@code tieredReservation}, {@code maxBytesLimits}, {@code jsAccount.wouldExceedLimits}): what an account's
 * JetStream limits refuse when a stream is created or updated and when a message is stored.
 *
 * <p>A stream's tier is the account's untiered limits when it has them, else {@code R<replicas>}; on a single
 * server every stream is R1. Reservations are the {@code max_bytes} of the tier's other streams of the same
 * storage; server-wide reservations are checked only against a {@code max_memory_store}/{@code max_file_store}
 * that is set.
 *
 * <p>Threading: stateless; callers hold the {@link AccountStreams} monitor for create and update.
 */
final class AccountLimitsCheck {

    private AccountLimitsCheck() {
    }

    /**
     * @param js  the account's JetStream
     * @param cfg a stream config
     * @return the limits of the stream's tier
     * @throws ApiException NO_LIMITS when no tier applies
     */
    static JetStreamAccountLimits selected(AccountJetStream js, StreamConfig cfg) {
        String tier = js.selectTier(cfg.numReplicas());
        if (tier == null) {
            throw ApiError.NO_LIMITS.toException();
        }
        return js.tiers().get(tier);
    }

    /**
     * Twin of {@code jsNonClusteredStreamLimitsCheck}: before a stream is created, the number of streams and the
     * bytes it reserves.
     *
     * @param a   the account
     * @param cfg the config as asked
     */
    static void checkCreate(AccountStreams a, StreamConfig cfg) {
        JetStreamAccountLimits l = selected(a.jetStream(), cfg);
        if (l.maxStreams() > 0 && countOthers(a, cfg) >= l.maxStreams()) {
            throw ApiError.MAXIMUM_STREAMS_LIMIT.toException();
        }
        checkLimits(a, l, cfg, reservedByOthers(a, cfg), cfg.maxBytes());
    }

    /**
     * The update's share of {@code checkStreamUpdate}: the growth of {@code max_bytes} against what is left.
     *
     * @param a   the account
     * @param old the stream's config now
     * @param cfg its new config
     */
    static void checkUpdate(AccountStreams a, StreamConfig old, StreamConfig cfg) {
        JetStreamAccountLimits l = selected(a.jetStream(), cfg);
        long growth = Math.max(0, Math.max(cfg.maxBytes(), 0) - Math.max(old.maxBytes(), 0));
        long reserved = reservedByOthers(a, cfg) + Math.max(cfg.maxBytes(), 0) - growth;
        checkLimits(a, l, cfg, reserved, growth);
    }

    /**
     * Twin of the {@code maxBytesLimits} check of {@code checkStreamCfg}.
     *
     * @param a   the account
     * @param cfg a normalised config
     */
    static void checkStreamBytes(AccountStreams a, StreamConfig cfg) {
        String tier = a.jetStream().selectTier(cfg.numReplicas());
        if (tier == null) {
            return;
        }
        JetStreamAccountLimits l = a.jetStream().tiers().get(tier);
        long limit = l.maxStreamBytesOf(cfg.isMemory());
        if (l.maxBytesRequired() && cfg.maxBytes() <= 0) {
            throw ApiError.STREAM_MAX_BYTES_REQUIRED.toException();
        }
        if (limit > 0 && cfg.maxBytes() > limit) {
            throw ApiError.STREAM_MAX_STREAM_BYTES_EXCEEDED.toException();
        }
    }

    /**
     * Twin of {@code checkAllLimits} as {@code RestoreStream} calls it: the stream's reservation plus the bytes
     * restored so far.
     *
     * @param a             the account
     * @param cfg           a normalised config
     * @param restoredBytes bytes read from the snapshot so far
     */
    static void checkRestoreBytes(AccountStreams a, StreamConfig cfg, long restoredBytes) {
        JetStreamAccountLimits l = selected(a.jetStream(), cfg);
        long add = Math.max(cfg.maxBytes(), 1);
        checkLimits(a, l, cfg, reservedByOthers(a, cfg), add > Long.MAX_VALUE - restoredBytes ? Long.MAX_VALUE
            : add + restoredBytes);
    }

    /** Twin of {@code checkLimits} and {@code checkBytesLimits} (account, then server). */
    private static void checkLimits(AccountStreams a, JetStreamAccountLimits l, StreamConfig cfg, long reserved,
                                    long addBytes) {
        if (cfg.maxConsumers() > 0 && l.maxConsumers() > 0 && cfg.maxConsumers() > l.maxConsumers()) {
            throw ApiError.MAXIMUM_CONSUMERS_LIMIT.toException();
        }
        boolean memory = cfg.isMemory();
        long add = addBytes < 0 ? 1 : addBytes;
        ApiError exceeded = memory ? ApiError.MEMORY_RESOURCES_EXCEEDED : ApiError.STORAGE_RESOURCES_EXCEEDED;
        long max = l.maxBytesOf(memory);
        if (max >= 0 && (reserved > max || add > max - reserved)) {
            throw exceeded.toException();
        }
        JetStreamEngine.Settings s = a.engine().settings();
        long serverMax = memory ? s.maxMemoryBytes() : s.maxFileBytes();
        if (serverMax >= 0) {
            long serverReserved = a.engine().reservedBytes(memory);
            if (serverReserved > serverMax || add > serverMax - serverReserved) {
                throw exceeded.toException();
            }
        }
    }

    /** Twin of {@code countStreams}: the tier's streams other than one of the same name. */
    private static int countOthers(AccountStreams a, StreamConfig cfg) {
        String tier = a.jetStream().selectTier(cfg.numReplicas());
        int n = 0;
        for (Stream s : a.streams()) {
            if (!s.name().equals(cfg.name()) && sameTier(tier, s.config(), cfg)) {
                n++;
            }
        }
        return n;
    }

    /** Twin of {@code tieredReservation}: {@code max_bytes} of the tier's other streams of the same storage. */
    private static long reservedByOthers(AccountStreams a, StreamConfig cfg) {
        String tier = a.jetStream().selectTier(cfg.numReplicas());
        long reserved = 0;
        for (Stream s : a.streams()) {
            StreamConfig o = s.config();
            if (!o.name().equals(cfg.name()) && sameTier(tier, o, cfg) && o.maxBytes() > 0
                && o.isMemory() == cfg.isMemory()) {
                reserved += o.maxBytes();
            }
        }
        return reserved;
    }

    private static boolean sameTier(String tier, StreamConfig a, StreamConfig b) {
        return AccountJetStream.DEFAULT_TIER.equals(tier)
            || Math.max(1, a.numReplicas()) == Math.max(1, b.numReplicas());
    }

    /**
     * Twin of {@code jsAccount.wouldExceedLimits}: whether storing a message would take the stream's tier past
     * the account's memory or file limit.
     *
     * @param stream  the stream
     * @param subject the subject stored
     * @param hdrLen  header bytes
     * @param msgLen  payload bytes
     * @return null when it fits, else the error of the PubAck
     */
    static ApiError wouldExceed(Stream stream, String subject, int hdrLen, int msgLen) {
        AccountStreams a = stream.account();
        StreamConfig cfg = stream.config();
        AccountJetStream js = a.jetStream();
        String tier = js.selectTier(cfg.numReplicas());
        if (tier == null) {
            return ApiError.NO_LIMITS;
        }
        boolean memory = cfg.isMemory();
        long max = js.tiers().get(tier).maxBytesOf(memory);
        if (max < 0) {
            return null;
        }
        int subjectLen = subject.length();
        long size = memory ? MemStore.msgSize(subjectLen, hdrLen, msgLen) : FileStore.msgSize(subjectLen, hdrLen,
            msgLen);
        long used = a.bytesUsed(memory, tier);
        return used + size > max ? ApiError.ACCOUNT_RESOURCES_EXCEEDED : null;
    }
}
