package io.jnatsd.jetstream.stream;

import io.jnatsd.jetstream.store.StoreException;
import io.jnatsd.jetstream.store.StoredMsg;
import io.jnatsd.jetstream.store.StreamStore;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Twin of {@code MsgScheduling} in {@code server/scheduler.go}: the live schedules of one stream (one per subject,
 * the last schedule message stored on it) ordered by when they fire, and what each produces when it fires.
 *
 * <p>Design note: the reference keeps schedules in its store and snapshots them to a file; here the stream keeps
 * them and rebuilds them on open by reading the stored schedule messages ({@link #recover}). A schedule message
 * that was purged or deleted is noticed when it is due (its sequence no longer loads) and dropped then, as in the
 * reference. A schedule that fired is "in flight" until the message it produced is stored, so that a slow ingest
 * does not fire it twice. Every method takes the current time, so tests choose the clock.
 *
 * <p>Threading: thread-safe (every method is synchronized); {@link #onStored} runs on the stream's ingest,
 * {@link #fireDue} on the JetStream timer.
 */
final class MsgSchedules {
    /**
     * A message a schedule produced, to be stored under {@code subject}.
     *
     * @param scheduleSeq the schedule message's sequence
     * @param subject     the target subject
     * @param headers     its header block
     * @param payload     its payload
     */
    record Produced(long scheduleSeq, String subject, byte[] headers, byte[] payload) {
    }

    private record Entry(String subject, long seq, long fireAtNanos) {
    }

    private static final Comparator<Entry> BY_FIRE_TIME =
        Comparator.comparingLong(Entry::fireAtNanos).thenComparingLong(Entry::seq);

    private final Map<String, Entry> bySubject = new HashMap<>();
    private final TreeSet<Entry> byFireTime = new TreeSet<>(BY_FIRE_TIME);
    private final Set<String> inflight = new HashSet<>();

    /** @return how many schedules are live */
    synchronized int size() {
        return bySubject.size();
    }

    /** @return when the earliest schedule fires, {@link Long#MAX_VALUE} when none */
    synchronized long nextFireNanos() {
        return byFireTime.isEmpty() ? Long.MAX_VALUE : byFireTime.first().fireAtNanos();
    }

    /**
     * Twin of the scheduling step of {@code storeRawMsg} in {@code server/memstore.go}: a stored message with a
     * valid schedule becomes its subject's schedule; any other message not produced by a schedule ends its
     * subject's schedule; a produced message with a next time moves its schedule to that time.
     *
     * @param seq      the stored sequence
     * @param subject  its subject
     * @param headers  its header block, or null
     * @param tsNanos  its store time
     * @param nowNanos the current time
     */
    synchronized void onStored(long seq, String subject, byte[] headers, long tsNanos, long nowNanos) {
        MsgSchedulePattern.Fire fire = scheduleOf(headers, tsNanos, nowNanos);
        String scheduler = HeaderBlock.get(headers, MsgScheduleCheck.SCHEDULER);
        if (fire != null) {
            put(new Entry(subject, seq, fire.atNanos()));
        } else if (scheduler == null || scheduler.isEmpty()) {
            removeSubject(subject);
        }
        String next = HeaderBlock.get(headers, MsgScheduleCheck.NEXT);
        if (next != null && !next.isEmpty() && !MsgScheduleCheck.NEXT_PURGE.equals(next)
            && scheduler != null && !scheduler.isEmpty()) {
            long at = MsgSchedulePattern.parseNanos(next);
            Entry e = bySubject.get(scheduler);
            if (at >= 0 && e != null) {
                put(new Entry(scheduler, e.seq(), at));
            }
        }
    }

    /**
     * Twin of {@code recoverMsgSchedulingState}: rebuilds the schedules from the stored messages.
     *
     * @param store    the stream's store
     * @param nowNanos the current time
     */
    synchronized void recover(StreamStore store, long nowNanos) {
        bySubject.clear();
        byFireTime.clear();
        inflight.clear();
        long seq = store.state().firstSeq();
        while (true) {
            StoredMsg m;
            try {
                m = store.loadNextMsg(">", seq);
            } catch (StoreException e) {
                return;
            }
            MsgSchedulePattern.Fire fire = scheduleOf(m.headers(), m.timestampNanos(), nowNanos);
            if (fire != null) {
                put(new Entry(m.subject(), m.seq(), fire.atNanos()));
            }
            seq = m.seq() + 1;
        }
    }

    /**
     * Twin of {@code getScheduledMessages}: the messages of every schedule due at {@code nowNanos}, in schedule
     * sequence order. Schedules whose message is gone or no longer valid are dropped; the others stay, in flight,
     * until what they produced is stored.
     *
     * @param store    the stream's store
     * @param nowNanos the current time
     * @return what to store
     */
    synchronized List<Produced> fireDue(StreamStore store, long nowNanos) {
        List<Produced> out = new ArrayList<>();
        for (Entry e : List.copyOf(byFireTime)) {
            if (e.fireAtNanos() > nowNanos) {
                break;
            }
            if (inflight.contains(e.subject())) {
                continue;
            }
            StoredMsg m;
            try {
                m = store.loadMsg(e.seq());
            } catch (StoreException ex) {
                removeSubject(e.subject());
                continue;
            }
            Produced p = produce(store, e, m, nowNanos);
            if (p == null) {
                removeSubject(e.subject());
            } else {
                out.add(p);
                inflight.add(e.subject());
            }
        }
        out.sort(Comparator.comparingLong(Produced::scheduleSeq));
        return out;
    }

    private static Produced produce(StreamStore store, Entry e, StoredMsg m, long nowNanos) {
        byte[] hdr = m.headers();
        String pattern = HeaderBlock.get(hdr, MsgScheduleCheck.SCHEDULE);
        if (pattern == null || pattern.isEmpty()) {
            return null;
        }
        ZoneId zone;
        try {
            zone = MsgSchedulePattern.zone(HeaderBlock.get(hdr, MsgScheduleCheck.TIME_ZONE));
        } catch (MsgSchedulePattern.BadZoneException ex) {
            return null;
        }
        MsgSchedulePattern.Fire next = MsgSchedulePattern.next(pattern, zone, e.fireAtNanos(), nowNanos);
        String ttl = HeaderBlock.get(hdr, MsgScheduleCheck.TTL);
        String target = HeaderBlock.get(hdr, MsgScheduleCheck.TARGET);
        if (next == null || ttl != null && !ttl.isEmpty() && !MsgScheduleCheck.validTtl(ttl)
            || target == null || target.isEmpty()) {
            return null;
        }
        String rollup = HeaderBlock.get(hdr, MsgScheduleCheck.ROLLUP);
        String source = HeaderBlock.get(hdr, MsgScheduleCheck.SOURCE);
        StoredMsg content = m;
        if (source != null && !source.isEmpty()) {
            try {
                content = store.loadLastMsg(source);
            } catch (StoreException ex) {
                content = m;
            }
        }
        byte[] out = ScheduledHeaders.produced(content.headers(), e.subject(),
            next.repeat() ? MsgSchedulePattern.format(next.at()) : MsgScheduleCheck.NEXT_PURGE, ttl, rollup);
        byte[] payload = content.payload() == null ? new byte[0] : content.payload().clone();
        return new Produced(e.seq(), target, out, payload);
    }

    private static MsgSchedulePattern.Fire scheduleOf(byte[] headers, long tsNanos, long nowNanos) {
        String pattern = HeaderBlock.get(headers, MsgScheduleCheck.SCHEDULE);
        if (pattern == null || pattern.isEmpty()) {
            return null;
        }
        try {
            ZoneId zone = MsgSchedulePattern.zone(HeaderBlock.get(headers, MsgScheduleCheck.TIME_ZONE));
            return MsgSchedulePattern.next(pattern, zone, tsNanos, nowNanos);
        } catch (MsgSchedulePattern.BadZoneException e) {
            return null;
        }
    }

    private void put(Entry e) {
        Entry old = bySubject.put(e.subject(), e);
        if (old != null) {
            byFireTime.remove(old);
        }
        byFireTime.add(e);
        inflight.remove(e.subject());
    }

    private void removeSubject(String subject) {
        Entry old = bySubject.remove(subject);
        if (old != null) {
            byFireTime.remove(old);
        }
        inflight.remove(subject);
    }
}
