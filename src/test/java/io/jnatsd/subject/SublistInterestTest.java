package io.jnatsd.subject;

import io.jnatsd.subject.SubTestSupport.Sub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.jnatsd.subject.SubTestSupport.groupOf;
import static io.jnatsd.subject.SubTestSupport.insertAll;
import static io.jnatsd.subject.SubTestSupport.plainOf;
import static io.jnatsd.subject.SubTestSupport.remove;
import static org.assertj.core.api.Assertions.assertThat;

/** numInterest, reverseMatch and removeBatch: the lookups that permissions, accounts and routes use. */
@Timeout(10)
class SublistInterestTest {

    private static final String SUBLISTS = "io.jnatsd.subject.SubTestSupport#sublists";

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldCountPlainAndQueueInterest_whenSubjectIsMatched(Supplier<Sublist<Sub>> factory) {
        Sublist<Sub> sl = factory.get();
        assertCounts(sl, Sub.plain("foo"), "foo", 1, 0);
        assertCounts(sl, Sub.plain("foo.*"), "foo.bar", 1, 0);
        assertCounts(sl, Sub.plain("foo.>"), "foo.bar.baz", 1, 0);
        assertCounts(sl, Sub.plain("*"), "foo", 1, 0);
        assertCounts(sl, Sub.queue("foo", "bar"), "foo", 0, 1);
        assertCounts(sl, Sub.queue("foo.>", "bar"), "foo.bar", 0, 1);

        insertAll(sl, Sub.plain("foo.bar"), Sub.plain("foo.*"), Sub.plain("foo.>"), Sub.queue("foo.bar", "a"),
                Sub.queue("*.bar", "a"), Sub.queue("foo.>", "b"));
        for (int round = 0; round < 2; round++) {
            assertThat(sl.numInterest("foo.bar")).isEqualTo(new Sublist.Interest(3, 3));
            assertThat(sl.numInterest("foo.baz")).isEqualTo(new Sublist.Interest(2, 1));
            assertThat(sl.numInterest("bar")).isEqualTo(new Sublist.Interest(0, 0));
            assertThat(sl.numInterest("foo..bar").any()).isFalse();
            sl.match("foo.bar");
            sl.match("foo.baz");
        }
    }

    private static void assertCounts(Sublist<Sub> sl, Sub sub, String subject, int plain, int queue) {
        insertAll(sl, sub);
        assertThat(sl.numInterest(subject)).as("%s on %s", sub, subject).isEqualTo(new Sublist.Interest(plain, queue));
        assertThat(sl.numInterest(subject + ".x.y.z").any()).as("%s too deep", sub).isEqualTo(sub.subject.endsWith(">"));
        remove(sl, sub);
        assertThat(sl.numInterest(subject).any()).isFalse();
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldReturnCollidingSubscriptions_whenReverseMatchedWithWildcards(Supplier<Sublist<Sub>> factory) {
        Sub foo = Sub.plain("foo");
        Sub bar = Sub.plain("bar");
        Sub fooBar = Sub.plain("foo.bar");
        Sub fooBaz = Sub.plain("foo.baz");
        Sub fooBarBaz = Sub.plain("foo.bar.baz");
        Sublist<Sub> sl = insertAll(factory.get(), foo, bar, fooBar, fooBaz, fooBarBaz);
        assertThat(plainOf(sl.reverseMatch("foo"))).containsExactly(foo);
        assertThat(plainOf(sl.reverseMatch("bar"))).containsExactly(bar);
        assertThat(plainOf(sl.reverseMatch("*"))).containsExactlyInAnyOrder(foo, bar);
        assertThat(sl.reverseMatch("baz").isEmpty()).isTrue();
        assertThat(plainOf(sl.reverseMatch("foo.*"))).containsExactlyInAnyOrder(fooBar, fooBaz);
        assertThat(plainOf(sl.reverseMatch("*.*"))).containsExactlyInAnyOrder(fooBar, fooBaz);
        assertThat(plainOf(sl.reverseMatch("*.bar"))).containsExactly(fooBar);
        assertThat(plainOf(sl.reverseMatch("*.baz"))).containsExactly(fooBaz);
        assertThat(sl.reverseMatch("bar.*").isEmpty()).isTrue();
        assertThat(sl.reverseMatch("*.bat").isEmpty()).isTrue();
        assertThat(plainOf(sl.reverseMatch("foo.>"))).containsExactlyInAnyOrder(fooBar, fooBaz, fooBarBaz);
        assertThat(plainOf(sl.reverseMatch(">"))).containsExactlyInAnyOrder(foo, bar, fooBar, fooBaz, fooBarBaz);
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldReturnWildcardSubscription_whenReverseMatchIsWider(Supplier<Sublist<Sub>> factory) {
        Sub uplink = Sub.plain("uplink.*.*.>");
        Sub queued = Sub.queue("uplink.1.>", "q");
        Sublist<Sub> sl = insertAll(factory.get(), uplink, queued);
        SublistResult<Sub> r = sl.reverseMatch("uplink.1.*.*.>");
        assertThat(plainOf(r)).containsExactly(uplink);
        assertThat(groupOf(r, "q")).containsExactly(queued);
        assertThat(plainOf(sl.reverseMatch("uplink.1.2.3.>"))).containsExactly(uplink);
        assertThat(plainOf(sl.reverseMatch("uplink.1"))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldRemoveEveryGivenSubscription_whenRemovedInABatch(Supplier<Sublist<Sub>> factory) {
        Sub foo = Sub.plain("foo");
        Sub bar = Sub.plain("bar");
        Sub baz = Sub.plain("baz");
        Sub wild = Sub.queue("foo.*", "q");
        Sub full = Sub.plain(">");
        Sub absent = Sub.plain("not.inserted");
        Sublist<Sub> sl = insertAll(factory.get(), foo, bar, baz, wild, full);
        sl.match("foo");
        sl.match("foo.x");
        sl.match("bar");
        long generation = sl.generation();
        int removed = sl.removeBatch(List.of(absent, foo, baz, wild, full), s -> s.subject, s -> s.queue);
        assertThat(removed).isEqualTo(4);
        assertThat(sl.count()).isEqualTo(1);
        assertThat(sl.generation()).isGreaterThan(generation);
        assertThat(plainOf(sl.match("bar"))).containsExactly(bar);
        assertThat(sl.match("foo").isEmpty()).isTrue();
        assertThat(sl.match("foo.x").isEmpty()).isTrue();
        assertThat(sl.match("baz").isEmpty()).isTrue();
        assertThat(sl.numLevels()).isEqualTo(1);
        assertThat(sl.removeBatch(List.of(absent), s -> s.subject, s -> s.queue)).isZero();
    }

    @Test
    void shouldKeepCacheExact_whenBatchRemovesManyWildcards() {
        Sublist<Sub> sl = new Sublist<>();
        List<Sub> wildcards = new ArrayList<>();
        for (int i = 0; i < Sublist.BATCH_EVICT_WILDCARDS_MAX * 2; i++) {
            wildcards.add(Sub.plain("w" + i + ".*"));
        }
        Sub keep = Sub.plain("w0.>");
        insertAll(sl, wildcards.toArray(new Sub[0]));
        insertAll(sl, keep);
        sl.match("w0.a");
        sl.match("w1.a");
        for (List<Sub> batch : List.of(wildcards.subList(0, 2), wildcards.subList(2, wildcards.size()))) {
            sl.removeBatch(batch, s -> s.subject, s -> s.queue);
            assertThat(plainOf(sl.match("w0.a"))).containsExactly(keep);
            assertThat(sl.match("w1.a").isEmpty()).isTrue();
        }
        assertThat(sl.count()).isEqualTo(1);
    }
}
