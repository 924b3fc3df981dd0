package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.errors.ApiError;
import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.StreamStore;
import io.jnatsd.subject.Subjects;

import java.time.ZoneId;

/**
 * Twin of the message scheduling steps of {@code processJetStreamMsg} in {@code server/stream.go}: the checks a
 * published message with schedule headers must pass, in the reference's order and with its error codes, and the
 * {@code Nats-Rollup: sub} a schedule is stored with (so that a new schedule on a subject replaces the old one).
 * Messages the scheduler itself produces skip these checks, as the reference's "sourced" ones do.
 *
 * <p>Stateless and thread-safe.
 */
final class MsgScheduleCheck {
    /** The schedule pattern. */
    static final String SCHEDULE = "Nats-Schedule";
    /** The zone cron patterns are read in. */
    static final String TIME_ZONE = "Nats-Schedule-Time-Zone";
    /** The Nats-TTL the produced message gets. */
    static final String TTL = "Nats-Schedule-TTL";
    /** The Nats-Rollup the produced message gets ("sub" only). */
    static final String ROLLUP = "Nats-Schedule-Rollup";
    /** The subject the produced message is stored under. */
    static final String TARGET = "Nats-Schedule-Target";
    /** A subject whose last message is the produced message's content. */
    static final String SOURCE = "Nats-Schedule-Source";
    /** On a produced message: the subject of the schedule that produced it. */
    static final String SCHEDULER = "Nats-Scheduler";
    /** On a produced message: when the schedule fires next, or {@link #NEXT_PURGE}. */
    static final String NEXT = "Nats-Schedule-Next";
    /** The {@link #NEXT} value that removes the schedule (it fired for the last time). */
    static final String NEXT_PURGE = "purge";
    private static final String ROLLUP_SUB = "sub";

    private MsgScheduleCheck() {
    }

    /**
     * @param cfg      the stream's config
     * @param subject  the subject the message is stored under
     * @param headers  its header block (it has schedule headers)
     * @param store    the stream's store
     * @param nowNanos the current time
     * @return the header block to store: with {@code Nats-Rollup: sub} added to a schedule
     * @throws io.jnatsd.jetstream.errors.ApiException with the reference's error when a check fails
     */
    static byte[] check(StreamConfig cfg, String subject, byte[] headers, StreamStore store, long nowNanos) {
        byte[] out = checkSchedule(cfg, subject, headers, nowNanos);
        checkPurge(cfg, subject, headers, store);
        return out;
    }

    private static byte[] checkSchedule(StreamConfig cfg, String subject, byte[] headers, long nowNanos) {
        boolean allowed = cfg.allowMsgSchedules();
        String pattern = HeaderBlock.get(headers, SCHEDULE);
        ZoneId zone;
        try {
            zone = MsgSchedulePattern.zone(HeaderBlock.get(headers, TIME_ZONE));
        } catch (MsgSchedulePattern.BadZoneException e) {
            throw (allowed ? ApiError.MESSAGE_SCHEDULES_TIME_ZONE_INVALID : ApiError.MESSAGE_SCHEDULES_DISABLED)
                .toException();
        }
        if (pattern == null || pattern.isEmpty()) {
            return headers;
        }
        if (MsgSchedulePattern.next(pattern, zone, nowNanos, nowNanos) == null) {
            throw (allowed ? ApiError.MESSAGE_SCHEDULES_PATTERN_INVALID : ApiError.MESSAGE_SCHEDULES_DISABLED)
                .toException();
        }
        if (!allowed) {
            throw ApiError.MESSAGE_SCHEDULES_DISABLED.toException();
        }
        String ttl = HeaderBlock.get(headers, TTL);
        if (ttl != null && !ttl.isEmpty() && !validTtl(ttl)) {
            throw ApiError.MESSAGE_SCHEDULES_TTL_INVALID.toException();
        }
        String rollup = HeaderBlock.get(headers, ROLLUP);
        if (rollup != null && !rollup.isEmpty() && !ROLLUP_SUB.equals(rollup)) {
            throw ApiError.MESSAGE_SCHEDULES_ROLLUP_INVALID.toException();
        }
        if (ttl != null && !ttl.isEmpty() && !cfg.allowMsgTtl()) {
            throw ApiError.MESSAGE_TTL_DISABLED.toException();
        }
        String target = HeaderBlock.get(headers, TARGET);
        if (target == null || target.isEmpty() || !Subjects.isValidPublishSubject(target) || target.equals(subject)) {
            throw ApiError.MESSAGE_SCHEDULES_TARGET_INVALID.toException();
        }
        String source = HeaderBlock.get(headers, SOURCE);
        boolean hasSource = source != null && !source.isEmpty();
        if (hasSource && (source.equals(target) || source.equals(subject) || !Subjects.isValidPublishSubject(source))) {
            throw ApiError.MESSAGE_SCHEDULES_SOURCE_INVALID.toException();
        }
        if (!inStream(cfg, target)) {
            throw ApiError.MESSAGE_SCHEDULES_TARGET_INVALID.toException();
        }
        if (hasSource && !inStream(cfg, source)) {
            throw ApiError.MESSAGE_SCHEDULES_SOURCE_INVALID.toException();
        }
        String msgRollup = HeaderBlock.get(headers, JsHeaders.ROLLUP);
        if (msgRollup == null || msgRollup.isEmpty()) {
            return HeaderBlock.set(headers, JsHeaders.ROLLUP, ROLLUP_SUB);
        }
        if (!ROLLUP_SUB.equals(msgRollup)) {
            throw ApiError.MESSAGE_SCHEDULES_ROLLUP_INVALID.toException();
        }
        return headers;
    }

    /** Clients may send {@code Nats-Schedule-Next} only as "purge", with the schedule's subject as Nats-Scheduler. */
    private static void checkPurge(StreamConfig cfg, String subject, byte[] headers, StreamStore store) {
        String next = HeaderBlock.get(headers, NEXT);
        String scheduler = HeaderBlock.get(headers, SCHEDULER);
        if (next == null || next.isEmpty()) {
            if (scheduler != null && !scheduler.isEmpty()) {
                throw ApiError.MESSAGE_SCHEDULES_SCHEDULER_INVALID.toException();
            }
            return;
        }
        if (!NEXT_PURGE.equals(next) || scheduler == null || scheduler.isEmpty() || scheduler.equals(subject)
            || !Subjects.isValidPublishSubject(scheduler)) {
            throw ApiError.MESSAGE_SCHEDULES_SCHEDULER_INVALID.toException();
        }
        if (!cfg.allowMsgSchedules()) {
            throw ApiError.MESSAGE_SCHEDULES_DISABLED.toException();
        }
        StoredMsg last;
        try {
            last = store.loadLastMsg(scheduler);
        } catch (StoreException e) {
            return;
        }
        String pattern = HeaderBlock.get(last.headers(), SCHEDULE);
        if (pattern == null || pattern.isEmpty()) {
            throw ApiError.MESSAGE_SCHEDULES_SCHEDULER_INVALID.toException();
        }
    }

    private static boolean inStream(StreamConfig cfg, String subject) {
        for (String s : cfg.subjects()) {
            if (Subjects.subjectsCollide(s, subject)) {
                return true;
            }
        }
        return false;
    }

    /** @return true when {@code ttl} is a valid per-message TTL */
    static boolean validTtl(String ttl) {
        try {
            StreamIngest.parseTtlSeconds(ttl);
            return true;
        } catch (io.jnatsd.jetstream.errors.ApiException e) {
            return false;
        }
    }
}
