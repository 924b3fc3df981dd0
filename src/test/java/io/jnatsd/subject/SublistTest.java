package io.jnatsd.subject;

import io.jnatsd.subject.SubTestSupport.Sub;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.jnatsd.subject.SubTestSupport.groupOf;
import static io.jnatsd.subject.SubTestSupport.insertAll;
import static io.jnatsd.subject.SubTestSupport.plainOf;
import static io.jnatsd.subject.SubTestSupport.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Matching, removal and pruning; every case runs with and without the match cache. */
@Timeout(10)
class SublistTest {

    private static final String SUBLISTS = "io.jnatsd.subject.SubTestSupport#sublists";

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldCountSubscriptions_whenInserted(Supplier<Sublist<Sub>> factory) {
        Sublist<Sub> sl = insertAll(factory.get(), Sub.plain("foo"), Sub.plain("bar"), Sub.plain("foo.bar"));
        assertThat(sl.count()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldMatchExactSubject_whenOneOrManyTokens(Supplier<Sublist<Sub>> factory) {
        Sub one = Sub.plain("foo");
        Sub three = Sub.plain("foo.bar.baz");
        Sublist<Sub> sl = insertAll(factory.get(), one, three);
        assertThat(plainOf(sl.match("foo"))).containsExactly(one);
        assertThat(plainOf(sl.match("foo.bar.baz"))).containsExactly(three);
        assertThat(sl.match("foo.bar").isEmpty()).isTrue();
        assertThat(sl.match("foo.bar.baz.qux").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldMatchPartialWildcard_whenItStandsForOneToken(Supplier<Sublist<Sub>> factory) {
        Sub literal = Sub.plain("a.b.c");
        Sub middle = Sub.plain("a.*.c");
        Sub end = Sub.plain("a.b.*");
        Sub first = Sub.plain("*.b.c");
        Sublist<Sub> sl = insertAll(factory.get(), literal, middle, end, first);
        assertThat(plainOf(sl.match("a.b.c"))).containsExactlyInAnyOrder(literal, middle, end, first);
        assertThat(plainOf(sl.match("a.x.c"))).containsExactly(middle);
        assertThat(sl.match("a.b").isEmpty()).isTrue();
        assertThat(sl.match("a.b.c.d").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldMatchFullWildcard_whenOneOrMoreTokensFollow(Supplier<Sublist<Sub>> factory) {
        Sub literal = Sub.plain("a.b.c");
        Sub full = Sub.plain("a.>");
        Sub everything = Sub.plain(">");
        Sublist<Sub> sl = insertAll(factory.get(), literal, full, everything);
        assertThat(plainOf(sl.match("a.b.c"))).containsExactlyInAnyOrder(literal, full, everything);
        assertThat(plainOf(sl.match("a.b"))).containsExactlyInAnyOrder(full, everything);
        assertThat(plainOf(sl.match("a"))).containsExactly(everything);
        // As in the reference, matching the subject "a.>" walks it as tokens and finds the '>' subscriber.
        assertThat(plainOf(sl.match("a.>"))).containsExactlyInAnyOrder(full, everything);
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldNotMatchSingleTokenSubscription_whenSubjectHasTwoTokens(Supplier<Sublist<Sub>> factory) {
        Sub sub = Sub.plain("foo");
        Sublist<Sub> sl = insertAll(factory.get(), sub);
        assertThat(plainOf(sl.match("foo"))).containsExactly(sub);
        assertThat(sl.match("foo.bar").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldRemoveOnlyTheGivenSubscription_whenSubjectAndValueMatch(Supplier<Sublist<Sub>> factory) {
        Sub sub = Sub.plain("a.b.c.d");
        Sublist<Sub> sl = insertAll(factory.get(), sub);
        assertThat(sl.match("a.b.c.d").plainCount()).isEqualTo(1);
        assertThat(sl.remove("a.b.c", null, sub)).isFalse();
        assertThat(sl.remove("a.b.c.d", null, Sub.plain("a.b.c.d"))).isFalse();
        assertThat(sl.remove("a.b.c.d", "q", sub)).isFalse();
        assertThat(sl.count()).isEqualTo(1);
        assertThat(remove(sl, sub)).isTrue();
        assertThat(remove(sl, sub)).isFalse();
        assertThat(sl.count()).isZero();
        assertThat(sl.match("a.b.c.d").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldStopMatchingEachWildcard_whenItIsRemoved(Supplier<Sublist<Sub>> factory) {
        Sub literal = Sub.plain("a.b.c.d");
        Sub partial = Sub.plain("a.b.*.d");
        Sub full = Sub.plain("a.b.>");
        Sublist<Sub> sl = insertAll(factory.get(), literal, partial, full);
        assertThat(sl.match("a.b.c.d").plainCount()).isEqualTo(3);
        remove(sl, literal);
        assertThat(plainOf(sl.match("a.b.c.d"))).containsExactlyInAnyOrder(partial, full);
        remove(sl, full);
        assertThat(plainOf(sl.match("a.b.c.d"))).containsExactly(partial);
        remove(sl, partial);
        assertThat(sl.count()).isZero();
        assertThat(sl.match("a.b.c.d").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldPruneEveryLevel_whenLastSubscriptionIsRemoved(Supplier<Sublist<Sub>> factory) {
        for (String subject : List.of("a.b.c.d.e.f", "a.b.*.d.e.>")) {
            Sublist<Sub> sl = factory.get();
            Sub sub = Sub.plain(subject);
            assertThat(sl.numLevels()).isZero();
            insertAll(sl, sub);
            assertThat(sl.numLevels()).isEqualTo(6);
            remove(sl, sub);
            assertThat(sl.numLevels()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldKeepSiblingPath_whenOtherBranchIsPruned(Supplier<Sublist<Sub>> factory) {
        Sub deep = Sub.plain("a.b.c");
        Sub shallow = Sub.plain("a");
        Sublist<Sub> sl = insertAll(factory.get(), deep, shallow);
        remove(sl, deep);
        assertThat(sl.numLevels()).isEqualTo(1);
        assertThat(plainOf(sl.match("a"))).containsExactly(shallow);
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldKeepTheRest_whenSomeOfManySubscriptionsOnOneSubjectAreRemoved(Supplier<Sublist<Sub>> factory) {
        Sublist<Sub> sl = factory.get();
        for (int i = 0; i < 512; i++) {
            insertAll(sl, Sub.plain("foo"));
        }
        List<Sub> all = plainOf(sl.match("foo"));
        assertThat(all).hasSize(512).doesNotHaveDuplicates();
        List<Sub> removed = List.of(all.get(256), all.get(0), all.get(511));
        removed.forEach(sub -> assertThat(remove(sl, sub)).isTrue());
        List<Sub> left = plainOf(sl.match("foo"));
        assertThat(left).hasSize(509).doesNotContainAnyElementsOf(removed);
        List<Sub> expected = new ArrayList<>(all);
        expected.removeAll(removed);
        assertThat(left).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {".foo", "foo.", "foo..bar", "foo.bar..baz", "foo.>.bar", "", "foo bar", "a.b..d"})
    void shouldRejectInsert_whenSubjectIsInvalid(String subject) {
        for (Sublist<Sub> sl : List.of(new Sublist<Sub>(), Sublist.<Sub>withoutCache())) {
            Sub sub = Sub.plain(subject);
            assertThatThrownBy(() -> sl.insert(subject, null, sub))
                    .isInstanceOf(InvalidSubjectException.class)
                    .hasMessageContaining("invalid subject");
            assertThat(sl.remove(subject, null, sub)).isFalse();
            assertThat(sl.count()).isZero();
            assertThat(sl.generation()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldGroupQueueSubscriptionsByName_whenSameSubject(Supplier<Sublist<Sub>> factory) {
        Sub plain = Sub.plain("foo");
        Sub bar1 = Sub.queue("foo", "bar");
        Sub baz1 = Sub.queue("foo", "baz");
        Sub bar2 = Sub.queue("foo", "bar");
        Sub baz2 = Sub.queue("foo", "baz");
        Sublist<Sub> sl = insertAll(factory.get(), bar1);
        SublistResult<Sub> r = sl.match("foo");
        assertThat(r.plainCount()).isZero();
        assertThat(r.queueGroupCount()).isEqualTo(1);
        assertThat(groupOf(r, "bar")).containsExactly(bar1);

        insertAll(sl, baz1, plain, bar2, baz2);
        r = sl.match("foo");
        assertThat(plainOf(r)).containsExactly(plain);
        assertThat(r.queueGroupCount()).isEqualTo(2);
        assertThat(groupOf(r, "bar")).containsExactlyInAnyOrder(bar1, bar2);
        assertThat(groupOf(r, "baz")).containsExactlyInAnyOrder(baz1, baz2);

        remove(sl, plain);
        remove(sl, bar1);
        r = sl.match("foo");
        assertThat(r.plainCount()).isZero();
        assertThat(groupOf(r, "bar")).containsExactly(bar2);
        assertThat(groupOf(r, "baz")).containsExactlyInAnyOrder(baz1, baz2);

        remove(sl, bar2);
        r = sl.match("foo");
        assertThat(r.queueGroupCount()).isEqualTo(1);
        assertThat(r.queueName(0)).isEqualTo("baz");

        remove(sl, baz1);
        remove(sl, baz2);
        assertThat(sl.match("foo").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldMergeQueueGroupAcrossSubjects_whenWildcardAndLiteralShareName(Supplier<Sublist<Sub>> factory) {
        Sub wildcard = Sub.queue("foo.*", "workers");
        Sub literal = Sub.queue("foo.bar", "workers");
        Sub full = Sub.queue("foo.>", "workers");
        Sub other = Sub.queue("foo.bar", "others");
        Sublist<Sub> sl = insertAll(factory.get(), wildcard, literal, full, other);
        SublistResult<Sub> r = sl.match("foo.bar");
        assertThat(r.queueGroupCount()).isEqualTo(2);
        assertThat(groupOf(r, "workers")).containsExactlyInAnyOrder(wildcard, literal, full);
        assertThat(groupOf(r, "others")).containsExactly(other);
        assertThat(groupOf(sl.match("foo.baz"), "workers")).containsExactlyInAnyOrder(wildcard, full);
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldTreatWildcardCharsAsLiteral_whenNotAWholeToken(Supplier<Sublist<Sub>> factory) {
        for (String subject : List.of("foo.*-", "foo.>-")) {
            Sublist<Sub> sl = factory.get();
            Sub sub = Sub.plain(subject);
            insertAll(sl, sub);
            assertThat(sl.match("foo.bar").isEmpty()).isTrue();
            assertThat(plainOf(sl.match(subject))).containsExactly(sub);
            assertThat(sl.remove("foo.bar", null, sub)).isFalse();
            assertThat(sl.count()).isEqualTo(1);
            assertThat(remove(sl, sub)).isTrue();
            assertThat(sl.count()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldMatchNothing_whenPublishSubjectHasEmptyTokens(Supplier<Sublist<Sub>> factory) {
        Sublist<Sub> sl = insertAll(factory.get(), Sub.plain(">"), Sub.queue(">", "queue"));
        for (String subject : List.of(".foo", "..foo", "foo..", "foo.", "foo..bar", "foo...bar", "", ".")) {
            assertThat(sl.match(subject).isEmpty()).as(subject).isTrue();
            assertThat(sl.hasInterest(subject)).as(subject).isFalse();
        }
        assertThat(sl.cacheSize()).isZero();
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldKeepOneCopy_whenSameValueInsertedTwiceOnSameSubjectAndQueue(Supplier<Sublist<Sub>> factory) {
        Sub sub = Sub.plain("foo");
        Sublist<Sub> sl = insertAll(factory.get(), sub);
        sl.match("foo");
        long generation = sl.generation();
        insertAll(sl, sub);
        assertThat(sl.count()).isEqualTo(1);
        assertThat(sl.generation()).isEqualTo(generation);
        assertThat(plainOf(sl.match("foo"))).containsExactly(sub);
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldReturnValueTwice_whenInsertedUnderTwoMatchingSubjects(Supplier<Sublist<Sub>> factory) {
        Sub sub = Sub.plain("foo.*");
        Sublist<Sub> sl = factory.get();
        sl.insert("foo.*", null, sub);
        sl.insert("foo.>", null, sub);
        sl.insert("foo.bar", "q", sub);
        sl.insert("foo.*", "q", sub);
        assertThat(sl.count()).isEqualTo(4);
        SublistResult<Sub> r = sl.match("foo.bar");
        assertThat(plainOf(r)).containsExactly(sub, sub);
        assertThat(groupOf(r, "q")).containsExactly(sub, sub);
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldTreatEmptyQueueAsPlain_whenInserted(Supplier<Sublist<Sub>> factory) {
        Sub sub = Sub.plain("foo");
        Sublist<Sub> sl = factory.get();
        sl.insert("foo", "", sub);
        assertThat(plainOf(sl.match("foo"))).containsExactly(sub);
        assertThat(sl.remove("foo", null, sub)).isTrue();
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldReportInterest_whenAnySubscriptionMatches(Supplier<Sublist<Sub>> factory) {
        Sublist<Sub> sl = factory.get();
        assertInterest(sl, Sub.plain("foo"), "foo");
        assertInterest(sl, Sub.plain("foo.*"), "foo.bar", "foo.baz");
        assertInterest(sl, Sub.plain("foo.>"), "foo.bar", "foo.baz", "foo.bar.baz");
        assertInterest(sl, Sub.plain("*.>"), "foo.bar", "foo.baz", "foo.bar.baz");
        assertInterest(sl, Sub.plain("*.bar"), "foo.bar");
        assertInterest(sl, Sub.plain("*"), "foo");
        assertInterest(sl, Sub.queue("foo", "bar"), "foo");
        assertInterest(sl, Sub.queue("foo.*", "bar"), "foo.bar", "foo.baz");
        assertInterest(sl, Sub.queue("foo.>", "bar"), "foo.bar", "foo.baz", "foo.bar.baz");
        assertInterest(sl, Sub.queue("*", "bar"), "foo");
        insertAll(sl, Sub.plain("stream.A.child"), Sub.plain("stream.*"));
        assertThat(sl.hasInterest("stream.A.child")).isTrue();
        assertThat(sl.hasInterest("stream.A")).isTrue();
        assertThat(sl.hasInterest("stream")).isFalse();
    }

    private static void assertInterest(Sublist<Sub> sl, Sub sub, String... interested) {
        List<String> probes = List.of("foo", "foo.bar", "foo.baz", "foo.bar.baz");
        insertAll(sl, sub);
        for (String probe : probes) {
            boolean expected = List.of(interested).contains(probe);
            assertThat(sl.hasInterest(probe)).as(sub + " on " + probe).isEqualTo(expected);
            sl.match(probe);
            assertThat(sl.hasInterest(probe)).as(sub + " on " + probe + " (cached)").isEqualTo(expected);
        }
        remove(sl, sub);
        for (String probe : probes) {
            assertThat(sl.hasInterest(probe)).as(sub + " removed, on " + probe).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource(SUBLISTS)
    void shouldVisitEverySubscription_whenForEachIsCalled(Supplier<Sublist<Sub>> factory) {
        Sub a = Sub.plain("foo.bar.baz");
        Sub b = Sub.plain("foo");
        Sub c = Sub.queue("baz", "q");
        Sub d = Sub.plain("*.>");
        Sublist<Sub> sl = insertAll(factory.get(), a, b, c, d);
        List<Sub> seen = new ArrayList<>();
        sl.forEach(seen::add);
        assertThat(seen).containsExactlyInAnyOrder(a, b, c, d);
    }
}
