package io.jnatsd.subject;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sublist, with and without cache, against a naive model: a list of (subject, queue, value) matched one by one
 * with {@link Subjects#matchLiteral}. Subjects use a tiny alphabet so that overlaps, wildcards and repeats are
 * common; values come from a small pool so that one value sits under several subjects.
 */
// jqwik ignores JUnit's @Timeout; the run is bounded by its tries and the list sizes instead.
class SublistPropertyTest {

    private static final int VALUE_POOL = 5;

    /** A value compared by identity. */
    static final class Val {
        private final int id;

        Val(int id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "v" + id;
        }
    }

    sealed interface Op permits Insert, Remove, RemoveExisting, RemoveBatch, Match, ReverseMatch {
    }

    record Insert(String subject, String queue, int value) implements Op {
    }

    record Remove(String subject, String queue, int value) implements Op {
    }

    /** Removes the model entry at {@code pick} modulo the model size, when there is one. */
    record RemoveExisting(int pick) implements Op {
    }

    /** Removes up to {@code size} model entries from {@code pick} on in one batch, plus one absent value. */
    record RemoveBatch(int pick, int size) implements Op {
    }

    record Match(String literal) implements Op {
    }

    record ReverseMatch(String pattern) implements Op {
    }

    record Entry(String subject, String queue, Val value) {
        boolean sameAs(String otherSubject, String otherQueue, Val otherValue) {
            return subject.equals(otherSubject) && Objects.equals(queue, otherQueue) && value == otherValue;
        }
    }

    @Property(tries = 300)
    void shouldAgreeWithNaiveMatcher_whenOperationsAreRandom(@ForAll("operations") List<Op> ops) {
        List<Val> values = new ArrayList<>();
        for (int i = 0; i < VALUE_POOL; i++) {
            values.add(new Val(i));
        }
        Sublist<Val> cached = new Sublist<>();
        Sublist<Val> uncached = Sublist.withoutCache();
        List<Entry> model = new ArrayList<>();
        boolean[] plainA = new boolean[1];
        boolean[] queueAB = new boolean[1];
        cached.registerInterestListener("a", null, interested -> plainA[0] = interested);
        cached.registerInterestListener("a.b", "q1", interested -> queueAB[0] = interested);
        for (Op op : ops) {
            switch (op) {
                case Insert(String subject, String queue, int value) -> {
                    Val v = values.get(value);
                    cached.insert(subject, queue, v);
                    uncached.insert(subject, queue, v);
                    if (model.stream().noneMatch(e -> e.sameAs(subject, queue, v))) {
                        model.add(new Entry(subject, queue, v));
                    }
                }
                case Remove(String subject, String queue, int value) -> {
                    Val v = values.get(value);
                    boolean expected = model.removeIf(e -> e.sameAs(subject, queue, v));
                    assertThat(cached.remove(subject, queue, v)).as("remove %s", op).isEqualTo(expected);
                    assertThat(uncached.remove(subject, queue, v)).as("remove %s", op).isEqualTo(expected);
                }
                case RemoveExisting(int pick) -> {
                    if (!model.isEmpty()) {
                        Entry e = model.remove(pick % model.size());
                        assertThat(cached.remove(e.subject(), e.queue(), e.value())).as("remove %s", e).isTrue();
                        assertThat(uncached.remove(e.subject(), e.queue(), e.value())).as("remove %s", e).isTrue();
                    }
                }
                case RemoveBatch(int pick, int size) -> {
                    List<Entry> batch = new ArrayList<>();
                    for (int i = 0; i < model.size() && batch.size() < size; i++) {
                        Entry e = model.get((pick + i) % model.size());
                        if (batch.stream().noneMatch(b -> b.value() == e.value())) {
                            batch.add(e);
                        }
                    }
                    model.removeAll(batch);
                    batch.add(new Entry("absent", null, new Val(-1)));
                    for (Sublist<Val> sl : List.of(cached, uncached)) {
                        assertThat(sl.removeBatch(valuesOf(batch), v -> subjectOf(batch, v), v -> queueOf(batch, v)))
                                .isEqualTo(batch.size() - 1);
                    }
                }
                case Match(String literal) -> {
                    assertSameAsModel(cached, model, literal);
                    assertSameAsModel(uncached, model, literal);
                }
                case ReverseMatch(String pattern) -> {
                    assertReverseSameAsModel(cached, model, pattern);
                    assertReverseSameAsModel(uncached, model, pattern);
                }
            }
            assertThat(cached.count()).isEqualTo(model.size());
            assertThat(uncached.count()).isEqualTo(model.size());
            assertThat(plainA[0]).as("listener on a").isEqualTo(hasExact(model, "a", null));
            assertThat(queueAB[0]).as("listener on a.b q1").isEqualTo(hasExact(model, "a.b", "q1"));
        }
        for (String literal : List.of("a", "b.c", "a.a.a", "c.b.a.a", "a.b")) {
            assertSameAsModel(cached, model, literal);
            assertSameAsModel(uncached, model, literal);
        }
        assertThat(cached.cacheSize()).isLessThanOrEqualTo(Sublist.CACHE_MAX);
    }

    private static boolean hasExact(List<Entry> model, String subject, String queue) {
        return model.stream().anyMatch(e -> e.subject().equals(subject) && Objects.equals(e.queue(), queue));
    }

    /** The values of a batch, which holds each value once (a batch finds a value's subject from the value). */
    private static List<Val> valuesOf(List<Entry> batch) {
        return batch.stream().map(Entry::value).toList();
    }

    private static String subjectOf(List<Entry> batch, Val value) {
        return batch.stream().filter(e -> e.value() == value).findFirst().orElseThrow().subject();
    }

    private static String queueOf(List<Entry> batch, Val value) {
        return batch.stream().filter(e -> e.value() == value).findFirst().orElseThrow().queue();
    }

    private static void assertReverseSameAsModel(Sublist<Val> sublist, List<Entry> model, String pattern) {
        List<Val> plain = new ArrayList<>();
        Map<String, List<Val>> groups = new LinkedHashMap<>();
        for (Entry e : model) {
            if (Subjects.subjectsCollide(pattern, e.subject())) {
                if (e.queue() == null) {
                    plain.add(e.value());
                } else {
                    groups.computeIfAbsent(e.queue(), q -> new ArrayList<>()).add(e.value());
                }
            }
        }
        SublistResult<Val> r = sublist.reverseMatch(pattern);
        assertThat(SubTestSupport.plainOf(r)).as("reverse plain for %s", pattern)
                .containsExactlyInAnyOrderElementsOf(plain);
        assertThat(r.queueGroupCount()).as("reverse groups for %s", pattern).isEqualTo(groups.size());
        for (Map.Entry<String, List<Val>> group : groups.entrySet()) {
            assertThat(SubTestSupport.groupOf(r, group.getKey())).as("reverse %s for %s", group.getKey(), pattern)
                    .containsExactlyInAnyOrderElementsOf(group.getValue());
        }
    }

    private static void assertSameAsModel(Sublist<Val> sublist, List<Entry> model, String literal) {
        List<Val> plain = new ArrayList<>();
        Map<String, List<Val>> groups = new LinkedHashMap<>();
        for (Entry e : model) {
            if (Subjects.matchLiteral(literal, e.subject())) {
                if (e.queue() == null) {
                    plain.add(e.value());
                } else {
                    groups.computeIfAbsent(e.queue(), q -> new ArrayList<>()).add(e.value());
                }
            }
        }
        SublistResult<Val> r = sublist.match(literal);
        assertThat(SubTestSupport.plainOf(r)).as("plain for %s", literal).containsExactlyInAnyOrderElementsOf(plain);
        assertThat(r.queueGroupCount()).as("groups for %s", literal).isEqualTo(groups.size());
        for (Map.Entry<String, List<Val>> group : groups.entrySet()) {
            assertThat(SubTestSupport.groupOf(r, group.getKey())).as("group %s for %s", group.getKey(), literal)
                    .containsExactlyInAnyOrderElementsOf(group.getValue());
        }
        assertThat(sublist.hasInterest(literal)).as("interest in %s", literal)
                .isEqualTo(!plain.isEmpty() || !groups.isEmpty());
        int queued = groups.values().stream().mapToInt(List::size).sum();
        assertThat(sublist.numInterest(literal)).as("numInterest in %s", literal)
                .isEqualTo(new Sublist.Interest(plain.size(), queued));
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> insert = Combinators.combine(patterns(), queues(), valueIndexes()).as(Insert::new);
        Arbitrary<Op> remove = Combinators.combine(patterns(), queues(), valueIndexes()).as(Remove::new);
        Arbitrary<Op> removeExisting = Arbitraries.integers().between(0, 1000).map(RemoveExisting::new);
        Arbitrary<Op> removeBatch = Combinators.combine(Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 4)).as(RemoveBatch::new);
        Arbitrary<Op> match = literals().map(Match::new);
        Arbitrary<Op> reverse = patterns().map(ReverseMatch::new);
        return Arbitraries.frequencyOf(
                Tuple.of(4, insert),
                Tuple.of(1, remove),
                Tuple.of(2, removeExisting),
                Tuple.of(1, removeBatch),
                Tuple.of(5, match),
                Tuple.of(2, reverse)).list().ofMinSize(1).ofMaxSize(60);
    }

    static Arbitrary<String> literals() {
        return Arbitraries.of("a", "b", "c").list().ofMinSize(1).ofMaxSize(4).map(t -> String.join(".", t));
    }

    static Arbitrary<String> patterns() {
        Arbitrary<List<String>> head = Arbitraries.of("a", "b", "c", "*").list().ofMinSize(0).ofMaxSize(3);
        Arbitrary<String> tail = Arbitraries.of("a", "b", "*", ">");
        return Combinators.combine(head, tail).as((h, t) -> {
            List<String> tokens = new ArrayList<>(h);
            tokens.add(t);
            return String.join(".", tokens);
        });
    }

    private static Arbitrary<String> queues() {
        return Arbitraries.of("", "", "q1", "q2").map(q -> q.isEmpty() ? null : q);
    }

    private static Arbitrary<Integer> valueIndexes() {
        return Arbitraries.integers().between(0, VALUE_POOL - 1);
    }
}
