package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link StreamStore} shares; run against {@link MemStore} and {@code FileStore} by
 * subclasses. Expected values follow the reference's memstore tests.
 */
@Timeout(30)
abstract class StreamStoreContractTest {
    protected final ManualClock clock = new ManualClock();
    protected StreamStore store;

    /** Opens a fresh (or, for {@link #reopen}, the same) store with these limits. */
    protected abstract StreamStore open(StreamStoreConfig config, StoreClock clock);

    /** Closes and reopens the same store, where the implementation persists; returns the new handle. */
    protected StreamStore reopen(StreamStoreConfig config) {
        return store;
    }

    @BeforeEach
    void setUp() {
        store = open(StreamStoreConfig.unlimited("S"), clock);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    protected static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected long put(String subject, String payload) {
        return store.storeMsg(subject, null, b(payload), 0);
    }

    private void replace(StreamStoreConfig config) {
        store.close();
        store = open(config, clock);
    }

    @Test
    void shouldAssignConsecutiveSequences_whenStoringAndLoadBack() {
        byte[] hdr = b("NATS/1.0\r\nA: b\r\n\r\n");
        long s1 = store.storeMsg("foo", hdr, b("one"), 0);
        clock.advanceNanos(5);
        long s2 = put("bar", "two");
        assertThat(s1).isEqualTo(1);
        assertThat(s2).isEqualTo(2);
        StoredMsg m = store.loadMsg(1);
        assertThat(m.subject()).isEqualTo("foo");
        assertThat(m.headers()).isEqualTo(hdr);
        assertThat(m.payload()).isEqualTo(b("one"));
        assertThat(store.loadMsg(2).timestampNanos()).isEqualTo(m.timestampNanos() + 5);
        StreamState st = store.state();
        assertThat(st.msgs()).isEqualTo(2);
        assertThat(st.firstSeq()).isEqualTo(1);
        assertThat(st.lastSeq()).isEqualTo(2);
        assertThat(st.numSubjects()).isEqualTo(2);
        assertThat(store.awaitDurable(2)).succeedsWithin(java.time.Duration.ofSeconds(10)).isEqualTo(2L);
    }

    @Test
    void shouldReportEofOrNotFound_whenLoadingMissingSequences() {
        put("foo", "a");
        put("foo", "b");
        store.removeMsg(1);
        assertThatThrownBy(() -> store.loadMsg(1)).isInstanceOf(StoreException.class)
            .extracting(e -> ((StoreException) e).error()).isEqualTo(StoreError.MSG_NOT_FOUND);
        assertThatThrownBy(() -> store.loadMsg(3)).extracting(e -> ((StoreException) e).error())
            .isEqualTo(StoreError.EOF);
        assertThatThrownBy(() -> store.loadNextMsg("bar", 1)).extracting(e -> ((StoreException) e).error())
            .isEqualTo(StoreError.EOF);
        assertThatThrownBy(() -> store.loadLastMsg("bar")).extracting(e -> ((StoreException) e).error())
            .isEqualTo(StoreError.MSG_NOT_FOUND);
    }

    @Test
    void shouldLoadLastBySubject_whenFilterHasWildcards() {
        put("a.b.c", "1");
        put("a.x.c", "2");
        put("a.b.d", "3");
        put("z", "4");
        assertThat(store.loadLastMsg("a.b.c").seq()).isEqualTo(1);
        assertThat(store.loadLastMsg("a.*.c").seq()).isEqualTo(2);
        assertThat(store.loadLastMsg("a.>").seq()).isEqualTo(3);
        assertThat(store.loadLastMsg(">").seq()).isEqualTo(4);
        assertThat(store.loadLastMsg("").seq()).isEqualTo(4);
        store.removeMsg(3);
        assertThat(store.loadLastMsg("a.>").seq()).isEqualTo(2);
    }

    @Test
    void shouldLoadNextMatching_whenOneOrSeveralFilters() {
        for (int i = 0; i < 20; i++) {
            put(i % 2 == 0 ? "even." + i : "odd." + i, "x");
        }
        assertThat(store.loadNextMsg("odd.*", 1).seq()).isEqualTo(2);
        assertThat(store.loadNextMsg("odd.*", 3).seq()).isEqualTo(4);
        assertThat(store.loadNextMsg("even.18", 1).seq()).isEqualTo(19);
        assertThat(store.loadNextMsg(List.of(SubjectFilter.of("even.10"), SubjectFilter.of("odd.>")), 7).seq())
            .isEqualTo(8);
        assertThat(store.loadNextMsg(">", 0).seq()).isEqualTo(1);
        assertThatThrownBy(() -> store.loadNextMsg("odd.*", 21)).isInstanceOf(StoreException.class);
    }

    @Test
    void shouldTrackFirstAndDeleted_whenRemovingAndErasing() {
        for (int i = 0; i < 6; i++) {
            put("foo", "m" + i);
        }
        assertThat(store.removeMsg(1)).isTrue();
        assertThat(store.removeMsg(1)).isFalse();
        assertThat(store.removeMsg(3)).isTrue();
        assertThat(store.eraseMsg(4)).isTrue();
        StreamState st = store.state();
        assertThat(st.msgs()).isEqualTo(3);
        assertThat(st.firstSeq()).isEqualTo(2);
        assertThat(store.deletedSeqs()).containsExactly(3L, 4L);
        assertThat(st.numDeleted()).isEqualTo(2);
        assertThat(st.bytes()).isEqualTo(3 * singleSize("foo", 0, 2));
        store.removeMsg(2);
        assertThat(store.state().firstSeq()).isEqualTo(5);
        assertThat(store.deletedSeqs()).isEmpty();
        assertThat(store.state().numDeleted()).isZero();
    }

    /** @return the accounted size of one message for this store kind */
    protected long singleSize(String subject, int hdrLen, int payloadLen) {
        return MemStore.msgSize(subject.length(), hdrLen, payloadLen);
    }

    @Test
    void shouldKeepLastSequence_whenPurgingAll() {
        for (int i = 0; i < 5; i++) {
            put("foo", "x");
        }
        assertThat(store.purge()).isEqualTo(5);
        StreamState st = store.state();
        assertThat(st.msgs()).isZero();
        assertThat(st.firstSeq()).isEqualTo(6);
        assertThat(st.lastSeq()).isEqualTo(5);
        assertThat(put("foo", "y")).isEqualTo(6);
    }

    @Test
    void shouldPurgeBySubjectSequenceAndKeep_whenPurgeEx() {
        for (int i = 1; i <= 10; i++) {
            put(i % 2 == 0 ? "a" : "b", "x" + i);
        }
        assertThat(store.purgeEx("a", 0, 2)).isEqualTo(3);
        assertThat(store.subjectsTotals("a")).containsEntry("a", 2L);
        assertThat(store.purgeEx("b", 6, 0)).isEqualTo(3);
        assertThat(store.subjectsTotals(">")).isEqualTo(Map.of("a", 2L, "b", 2L));
        assertThat(store.purgeEx("b", 1, 0)).isZero();
        assertThat(store.purgeEx("", 9, 0)).isEqualTo(2);
        assertThat(store.state().firstSeq()).isEqualTo(9);
        assertThat(store.purgeEx("b", 0, 0)).isEqualTo(1);
        assertThat(store.state().msgs()).isEqualTo(1);
    }

    @Test
    void shouldRemoveBelowAndResetPastEnd_whenCompacting() {
        for (int i = 0; i < 10; i++) {
            put("foo", "x");
        }
        assertThat(store.compact(4)).isEqualTo(3);
        assertThat(store.state().firstSeq()).isEqualTo(4);
        assertThat(store.compact(2)).isZero();
        assertThat(store.compact(100)).isEqualTo(7);
        StreamState st = store.state();
        assertThat(st.firstSeq()).isEqualTo(100);
        assertThat(st.lastSeq()).isEqualTo(99);
        assertThat(put("foo", "y")).isEqualTo(100);
    }

    @Test
    void shouldDropNewerMessages_whenTruncating() {
        for (int i = 0; i < 10; i++) {
            put(i < 5 ? "low" : "high", "x");
        }
        store.truncate(5);
        StreamState st = store.state();
        assertThat(st.msgs()).isEqualTo(5);
        assertThat(st.lastSeq()).isEqualTo(5);
        assertThat(store.subjectsTotals(">")).isEqualTo(Map.of("low", 5L));
        assertThat(put("x", "y")).isEqualTo(6);
        store.truncate(0);
        assertThat(store.state().msgs()).isZero();
        assertThat(put("x", "y")).isEqualTo(1);
    }

    @Test
    void shouldAdvanceSequences_whenSkipping() {
        assertThat(store.skipMsg(0)).isEqualTo(1);
        assertThat(store.state().firstSeq()).isEqualTo(2);
        put("foo", "x");
        store.skipMsgs(3, 3);
        assertThat(put("foo", "y")).isEqualTo(6);
        StreamState st = store.state();
        assertThat(st.firstSeq()).isEqualTo(2);
        assertThat(store.deletedSeqs()).containsExactly(3L, 4L, 5L);
        assertThat(st.numDeleted()).isEqualTo(3);
        assertThatThrownBy(() -> store.skipMsg(99)).extracting(e -> ((StoreException) e).error())
            .isEqualTo(StoreError.SEQUENCE_MISMATCH);
    }

    @Test
    void shouldRemoveOldest_whenMaxMsgsWithDiscardOld() {
        replace(StreamStoreConfig.unlimited("S").withMaxMsgs(3));
        for (int i = 0; i < 5; i++) {
            put("foo", "x");
        }
        StreamState st = store.state();
        assertThat(st.msgs()).isEqualTo(3);
        assertThat(st.firstSeq()).isEqualTo(3);
    }

    @Test
    void shouldRefuse_whenMaxMsgsWithDiscardNew() {
        replace(StreamStoreConfig.unlimited("S").withMaxMsgs(2).withDiscard(DiscardPolicy.NEW, false));
        put("foo", "x");
        put("foo", "x");
        assertThatThrownBy(() -> put("foo", "x")).extracting(e -> ((StoreException) e).error())
            .isEqualTo(StoreError.MAX_MSGS);
        assertThat(store.state().lastSeq()).isEqualTo(2);
    }

    @Test
    void shouldEnforceBytes_whenMaxBytesWithEitherPolicy() {
        long one = singleSize("foo", 0, 10);
        replace(StreamStoreConfig.unlimited("S").withMaxBytes(one * 3));
        for (int i = 0; i < 5; i++) {
            put("foo", "0123456789");
        }
        assertThat(store.state().msgs()).isEqualTo(3);
        assertThat(store.state().bytes()).isEqualTo(one * 3);
        replace(StreamStoreConfig.unlimited("S").withMaxBytes(one * 3).withDiscard(DiscardPolicy.NEW, false));
        for (int i = 0; i < 3; i++) {
            put("foo", "0123456789");
        }
        assertThatThrownBy(() -> put("foo", "0123456789")).extracting(e -> ((StoreException) e).error())
            .isEqualTo(StoreError.MAX_BYTES);
    }

    @Test
    void shouldKeepNewestPerSubject_whenMaxMsgsPerSubject() {
        replace(StreamStoreConfig.unlimited("S").withMaxMsgsPerSubject(2));
        for (int i = 0; i < 5; i++) {
            put("a", "a" + i);
            put("b", "b" + i);
        }
        assertThat(store.subjectsTotals(">")).isEqualTo(Map.of("a", 2L, "b", 2L));
        assertThat(store.loadNextMsg("a", 0).payload()).isEqualTo(b("a3"));
        assertThat(store.loadLastMsg("b").payload()).isEqualTo(b("b4"));
    }

    @Test
    void shouldRefusePerSubject_whenDiscardNewPerSubject() {
        replace(StreamStoreConfig.unlimited("S").withMaxMsgsPerSubject(1).withDiscard(DiscardPolicy.NEW, true));
        put("a", "1");
        assertThatThrownBy(() -> put("a", "2")).extracting(e -> ((StoreException) e).error())
            .isEqualTo(StoreError.MAX_MSGS_PER_SUBJECT);
        put("b", "1");
        assertThat(store.state().msgs()).isEqualTo(2);
    }

    @Test
    void shouldExpireByAgeButNotNeverExpire_whenClockPassesMaxAge() {
        replace(StreamStoreConfig.unlimited("S").withMaxAgeNanos(10_000_000_000L));
        put("a", "1");
        store.storeMsg("a", null, b("forever"), -1);
        clock.advanceSeconds(5);
        put("a", "3");
        assertThat(store.nextExpiryNanos()).isEqualTo(clock.nowNanos() + 5_000_000_000L);
        assertThat(store.expireMsgs()).isZero();
        clock.advanceSeconds(6);
        assertThat(store.expireMsgs()).isEqualTo(1);
        assertThat(store.state().firstSeq()).isEqualTo(2);
        clock.advanceSeconds(10);
        assertThat(store.expireMsgs()).isEqualTo(1);
        assertThat(store.state().msgs()).isEqualTo(1);
        assertThat(store.loadMsg(2).payload()).isEqualTo(b("forever"));
    }

    @Test
    void shouldExpireByTtl_whenMessageTtlPasses() {
        store.storeMsg("a", null, b("short"), 2);
        store.storeMsg("a", null, b("long"), 10);
        put("a", "none");
        assertThat(store.nextExpiryNanos()).isEqualTo(clock.nowNanos() + 2_000_000_000L);
        clock.advanceSeconds(3);
        assertThat(store.expireMsgs()).isEqualTo(1);
        clock.advanceSeconds(10);
        assertThat(store.expireMsgs()).isEqualTo(1);
        assertThat(store.state().msgs()).isEqualTo(1);
        assertThat(store.nextExpiryNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldLeaveSubjectDeleteMarker_whenLastMessageOfSubjectExpires() {
        replace(StreamStoreConfig.unlimited("S").withMaxAgeNanos(10_000_000_000L).withSubjectDeleteMarkerTtlSeconds(300));
        put("kv.a", "1");
        put("kv.a", "2");
        put("kv.b", "3");
        clock.advanceSeconds(11);
        assertThat(store.expireMsgs()).isEqualTo(3);
        StoredMsg markerA = store.loadLastMsg("kv.a");
        assertThat(markerA.seq()).isEqualTo(4);
        assertThat(new String(markerA.headers(), java.nio.charset.StandardCharsets.US_ASCII))
            .isEqualTo("NATS/1.0\r\nNats-Marker-Reason: MaxAge\r\nNats-TTL: 5m0s\r\nNats-Rollup: sub\r\n\r\n");
        assertThat(markerA.payload()).isEmpty();
        assertThat(store.loadLastMsg("kv.b").seq()).isEqualTo(5);
        assertThat(store.state().msgs()).isEqualTo(2);
        clock.advanceSeconds(301);
        assertThat(store.expireMsgs()).isEqualTo(2);
        assertThat(store.state().msgs()).as("markers expire without new markers").isZero();
    }

    @Test
    void shouldCallListener_whenStoringRemovingAndPurging() {
        List<String> seen = new ArrayList<>();
        store.setUpdateListener((m, by, seq, subj) -> seen.add(m + ":" + seq + ":" + subj));
        put("a", "1");
        put("b", "2");
        put("c", "3");
        store.removeMsg(2);
        store.purge();
        assertThat(seen).containsExactly("1:1:a", "1:2:b", "1:3:c", "-1:2:b", "-2:0:");
    }

    @Test
    void shouldFailWithClosed_whenUsedAfterClose() {
        store.close();
        assertThatThrownBy(() -> put("a", "1")).extracting(e -> ((StoreException) e).error())
            .isEqualTo(StoreError.CLOSED);
        store = open(StreamStoreConfig.unlimited("S2"), clock);
    }

    @Test
    void shouldRejectWrongSequence_whenStoringRaw() {
        store.storeRawMsg("a", null, b("1"), 1, 42, 0);
        assertThatThrownBy(() -> store.storeRawMsg("a", null, b("1"), 5, 43, 0))
            .extracting(e -> ((StoreException) e).error()).isEqualTo(StoreError.SEQUENCE_MISMATCH);
        assertThat(store.loadMsg(1).timestampNanos()).isEqualTo(42);
    }

    @Test
    void shouldEnforceNewLimits_whenConfigUpdated() {
        for (int i = 0; i < 10; i++) {
            put(i % 2 == 0 ? "a" : "b", "x");
        }
        store.updateConfig(StreamStoreConfig.unlimited("S").withMaxMsgsPerSubject(3));
        assertThat(store.state().msgs()).isEqualTo(6);
        store.updateConfig(StreamStoreConfig.unlimited("S").withMaxMsgs(2));
        assertThat(store.state().msgs()).isEqualTo(2);
        assertThat(store.state().firstSeq()).isEqualTo(9);
    }

    @Test
    void shouldCountFiltered_whenStartIsInsideRange() {
        for (int i = 1; i <= 10; i++) {
            put(i % 2 == 0 ? "x.even" : "x.odd", "p");
        }
        assertThat(store.filteredState(1, "x.even")).isEqualTo(new SimpleState(5, 2, 10));
        assertThat(store.filteredState(5, "x.*")).isEqualTo(new SimpleState(6, 5, 10));
        assertThat(store.subjectsTotals("x.*")).isEqualTo(Map.of("x.even", 5L, "x.odd", 5L));
        assertThat(store.numPending(5, "x.*", false)).isEqualTo(6);
        assertThat(store.numPending(5, "x.*", true)).isEqualTo(2);
        assertThat(store.numPending(10, "x.odd", true)).isZero();
        assertThat(store.numPending(0, ">", false)).isEqualTo(10);
    }

    @Test
    void shouldFindPreviousTimeAndLastPerSubject_whenLookingBack() {
        for (int i = 1; i <= 10; i++) {
            put("k." + (i % 3), "v" + i);
            clock.advanceNanos(100);
        }
        long t5 = store.loadMsg(5).timestampNanos();
        assertThat(store.loadPrevMsg(List.of(SubjectFilter.of("k.1")), 9).seq()).isEqualTo(7);
        assertThat(store.loadPrevMsg(List.of(SubjectFilter.of("k.*")), 9).seq()).isEqualTo(9);
        assertThat(store.loadPrevMsg(List.of(SubjectFilter.of("k.0"), SubjectFilter.of("k.2")), 5).seq()).isEqualTo(5);
        assertThatThrownBy(() -> store.loadPrevMsg(List.of(SubjectFilter.of("k.0")), 2))
            .extracting(e -> ((StoreException) e).error()).isEqualTo(StoreError.EOF);
        assertThat(store.seqFromTime(t5)).isEqualTo(5);
        assertThat(store.seqFromTime(t5 - 1)).isEqualTo(5);
        assertThat(store.seqFromTime(0)).isEqualTo(1);
        assertThat(store.seqFromTime(Long.MAX_VALUE)).isEqualTo(11);
        assertThat(store.subjectForSeq(4)).isEqualTo("k.1");
        assertThat(store.multiLastSeqs(List.of(SubjectFilter.of(">")), 0, 0)).containsExactly(8L, 9L, 10L);
        assertThat(store.multiLastSeqs(List.of(SubjectFilter.of("k.*")), 6, 0)).containsExactly(4L, 5L, 6L);
        assertThatThrownBy(() -> store.multiLastSeqs(List.of(SubjectFilter.of(">")), 0, 2))
            .extracting(e -> ((StoreException) e).error()).isEqualTo(StoreError.TOO_MANY_RESULTS);
        store.removeMsg(5);
        assertThat(store.seqFromTime(t5)).isEqualTo(6);
    }

    @Test
    void shouldKeepEverything_whenReopened() {
        for (int i = 0; i < 20; i++) {
            put("s." + (i % 3), "payload-" + i);
        }
        store.removeMsg(5);
        store.purgeEx("s.1", 0, 1);
        StreamState before = store.state();
        List<Long> deletedBefore = store.deletedSeqs();
        store = reopen(StreamStoreConfig.unlimited("S"));
        StreamState after = store.state();
        assertThat(after.msgs()).isEqualTo(before.msgs());
        assertThat(after.numDeleted()).isEqualTo(before.numDeleted());
        assertThat(store.deletedSeqs()).isEqualTo(deletedBefore);
        assertThat(after.lastSeq()).isEqualTo(before.lastSeq());
        assertThat(store.loadMsg(20).payload()).isEqualTo(b("payload-19"));
        assertThat(put("z", "z")).isEqualTo(21);
    }
}
