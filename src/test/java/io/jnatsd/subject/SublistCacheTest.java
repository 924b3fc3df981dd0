package io.jnatsd.subject;

import io.jnatsd.subject.SubTestSupport.Sub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;

import static io.jnatsd.subject.SubTestSupport.groupOf;
import static io.jnatsd.subject.SubTestSupport.insertAll;
import static io.jnatsd.subject.SubTestSupport.plainOf;
import static io.jnatsd.subject.SubTestSupport.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The match cache: patched on insert, evicted on remove, bounded, counted, and lock- and allocation-free. */
@Timeout(10)
class SublistCacheTest {

    @Test
    void shouldKeepCachedResultsExact_whenWildcardsAreAddedAndRemoved() {
        Sublist<Sub> sl = new Sublist<>();
        Sub literal = Sub.plain("a.b.c.d");
        Sub partial = Sub.plain("a.b.*.d");
        Sub full = Sub.plain("a.b.>");
        insertAll(sl, literal);
        assertThat(plainOf(sl.match("a.b.c.d"))).containsExactly(literal);
        assertThat(sl.cacheSize()).isEqualTo(1);
        insertAll(sl, partial, full);
        assertThat(plainOf(sl.match("a.b.c.d"))).containsExactlyInAnyOrder(literal, partial, full);
        remove(sl, literal);
        assertThat(plainOf(sl.match("a.b.c.d"))).containsExactlyInAnyOrder(partial, full);
        remove(sl, full);
        assertThat(plainOf(sl.match("a.b.c.d"))).containsExactly(partial);
        remove(sl, partial);
        assertThat(sl.cacheSize()).isZero();
        assertThat(sl.match("a.b.c.d").isEmpty()).isTrue();
    }

    @Test
    void shouldMatchButNotCache_whenSubjectIsJetStreamAckReply() {
        Sublist<Sub> sl = new Sublist<>();
        Sub acks = Sub.plain("$JS.ACK.S.C.*.*.*.*.*");
        Sub all = Sub.plain("$JS.ACK.>");
        insertAll(sl, acks, all);
        for (int i = 1; i <= 3 * Sublist.CACHE_MAX; i++) {
            assertThat(plainOf(sl.match("$JS.ACK.S.C.1." + i + "." + i + ".1700000000." + i)))
                .containsExactlyInAnyOrder(acks, all);
        }
        assertThat(sl.cacheSize()).isZero();
        assertThat(sl.match("$JS.ACK.S.C.1.2").plainCount()).isEqualTo(1);
        assertThat(Sublist.isOneShot("$JS.ACK.S.C.1.2.3.4.5")).isTrue();
        assertThat(Sublist.isOneShot("$JS.API.INFO")).isFalse();
        sl.match("$JS.API.INFO");
        assertThat(sl.cacheSize()).isEqualTo(1);
    }

    @Test
    void shouldPatchCachedResult_whenMatchingSubscriptionIsInserted() {
        Sublist<Sub> sl = new Sublist<>();
        insertAll(sl, Sub.plain("foo.*"), Sub.plain("foo.bar"));
        assertThat(sl.match("foo.baz").plainCount()).isEqualTo(1);
        assertThat(sl.match("foo.bar").plainCount()).isEqualTo(2);
        Sub full = Sub.plain("foo.>");
        insertAll(sl, full);
        assertThat(sl.match("foo.bar").plainCount()).isEqualTo(3);
        assertThat(sl.match("foo.baz").plainCount()).isEqualTo(2);
        Sub queued = Sub.queue("foo.*", "q");
        insertAll(sl, queued);
        assertThat(groupOf(sl.match("foo.bar"), "q")).containsExactly(queued);
        assertThat(sl.cacheSize()).isEqualTo(2);
    }

    @Test
    void shouldCacheNegativeResult_whenNothingMatches() {
        Sublist<Sub> sl = new Sublist<>();
        SublistResult<Sub> first = sl.match("nobody");
        assertThat(first.isEmpty()).isTrue();
        assertThat(sl.cacheSize()).isEqualTo(1);
        Sub sub = Sub.plain("nobody");
        insertAll(sl, sub);
        assertThat(plainOf(sl.match("nobody"))).containsExactly(sub);
    }

    @Test
    void shouldShareOneEmptyResult_whenSubjectsMatchNothing() {
        Sublist<Sub> sl = new Sublist<>();
        SublistResult<Sub> foo = sl.match("foo");
        SublistResult<Sub> bar = sl.match("bar");
        assertThat(foo.plainCount()).isZero();
        assertThat(foo.queueGroupCount()).isZero();
        assertThat(foo).isSameAs(bar).isSameAs(SublistResult.empty());
    }

    @Test
    void shouldNotCacheSubject_whenItCarriesWildcards() {
        Sublist<Sub> sl = new Sublist<>();
        insertAll(sl, Sub.plain("a.>"));
        sl.match("a.*");
        sl.match("a.>");
        assertThat(sl.cacheSize()).isZero();
    }

    @Test
    void shouldBoundTheCache_whenManyDistinctSubjectsAreMatched() {
        Sublist<Sub> sl = new Sublist<>();
        insertAll(sl, Sub.plain("foo.>"));
        for (int i = 0; i < 2 * Sublist.CACHE_MAX; i++) {
            sl.match("foo." + i);
            assertThat(sl.cacheSize()).isLessThanOrEqualTo(Sublist.CACHE_MAX);
        }
        assertThat(sl.cacheSize()).isGreaterThanOrEqualTo(Sublist.CACHE_SWEEP_TARGET);
        assertThat(sl.match("foo.1").plainCount()).isEqualTo(1);
    }

    @Test
    void shouldCountHitRate_whenSameSubjectIsMatchedRepeatedly() {
        Sublist<Sub> sl = insertAll(new Sublist<>(), Sub.plain("foo"));
        for (int i = 0; i < 4; i++) {
            sl.match("foo");
        }
        Sublist.Stats stats = sl.stats();
        assertThat(stats.numMatches()).isEqualTo(4);
        assertThat(stats.cacheHitRate()).isEqualTo(0.75);
        assertThat(stats.numSubs()).isEqualTo(1);
        assertThat(stats.numInserts()).isEqualTo(1);
        assertThat(stats.numCache()).isEqualTo(1);
        assertThat(stats.maxFanout()).isEqualTo(1);
        assertThat(stats.avgFanout()).isEqualTo(1.0);

        Sublist<Sub> other = insertAll(new Sublist<>(), Sub.plain("bar"), Sub.plain("bar"), Sub.queue("bar", "q"));
        for (int i = 0; i < 4; i++) {
            other.match("bar");
        }
        other.match("baz");
        Sublist.Stats sum = stats.plus(other.stats());
        assertThat(sum.numSubs()).isEqualTo(4);
        assertThat(sum.numMatches()).isEqualTo(9);
        assertThat(sum.cacheHitRate()).isCloseTo(6.0 / 9, within(1e-9));
        assertThat(sum.maxFanout()).isEqualTo(3);
        assertThat(sum.avgFanout()).isCloseTo((1 + 3 + 0) / 3.0, within(1e-9));
    }

    @Test
    void shouldReportNoCacheInStats_whenCacheIsDisabled() {
        Sublist<Sub> sl = insertAll(Sublist.withoutCache(), Sub.plain("foo"), Sub.plain("bar"), Sub.plain("baz"),
                Sub.plain("foo.bar.baz"));
        sl.match("a.b.c");
        sl.match("bar");
        sl.match("bar");
        Sublist.Stats stats = sl.stats();
        assertThat(sl.cacheEnabled()).isFalse();
        assertThat(stats.numCache()).isZero();
        assertThat(stats.numMatches()).isEqualTo(3);
        assertThat(stats.cacheHitRate()).isZero();
        assertThat(sl.cacheSize()).isZero();
    }

    @Test
    void shouldMoveGeneration_whenInsertOrRemoveChangesSomething() {
        Sublist<Sub> sl = new Sublist<>();
        Sub sub = Sub.plain("foo");
        long start = sl.generation();
        insertAll(sl, sub);
        long afterInsert = sl.generation();
        assertThat(afterInsert).isGreaterThan(start);
        sl.match("foo");
        assertThat(sl.generation()).isEqualTo(afterInsert);
        assertThat(sl.remove("bar", null, sub)).isFalse();
        assertThat(sl.generation()).isEqualTo(afterInsert);
        remove(sl, sub);
        assertThat(sl.generation()).isGreaterThan(afterInsert);
        assertThat(sl.stats().numRemoves()).isEqualTo(1);
    }

    @Test
    void shouldNotAllocate_whenMatchHitsTheCache() {
        Sublist<Sub> sl = insertAll(new Sublist<>(), Sub.plain("foo.bar"), Sub.plain("foo.*"), Sub.queue("foo.>", "q"));
        String subject = "foo.bar";
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += sl.match(subject).plainCount();
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            sink += sl.match(subject).plainCount();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(sink).isEqualTo(240_000);
        // 100k hits; a few hundred bytes is the measuring call itself.
        assertThat(allocated).isLessThan(4_096);
    }
}
