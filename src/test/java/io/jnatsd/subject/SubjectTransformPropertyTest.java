package io.jnatsd.subject;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict (import) transforms are reversible: mapping a subject and then mapping it back gives the subject again.
 * Runs are bounded by jqwik's tries (jqwik ignores JUnit's @Timeout).
 */
class SubjectTransformPropertyTest {

    /** A source pattern, a subject it matches, and a seed to shuffle the wildcard order in the destination. */
    record Case(List<String> pattern, List<String> subject, long seed) {
    }

    @Property(tries = 300)
    void shouldMapBackToTheSubject_whenStrictTransformIsReversed(@ForAll("cases") Case c) {
        String source = String.join(".", c.pattern());
        List<String> placeholders = new ArrayList<>();
        int wildcards = (int) c.pattern().stream().filter("*"::equals).count();
        for (int i = 1; i <= wildcards; i++) {
            placeholders.add(i % 2 == 0 ? "$" + i : "{{wildcard(" + i + ")}}");
        }
        Collections.shuffle(placeholders, new Random(c.seed()));
        List<String> destinationTokens = new ArrayList<>(List.of("out"));
        destinationTokens.addAll(placeholders);
        String destination = String.join(".", destinationTokens);
        String subject = String.join(".", c.subject());

        SubjectTransform tr = SubjectTransform.compileStrict(source, destination);
        String mapped = tr.match(subject);
        assertThat(mapped).as("%s -> %s on %s", source, destination, subject).isNotNull();
        assertThat(Subjects.numTokens(mapped)).isEqualTo(1 + wildcards);
        SubjectTransform reverse = tr.reverse();
        assertThat(reverse).isNotNull();
        assertThat(reverse.match(mapped)).isEqualTo(subject);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<String>> pattern = Arbitraries.of("a", "b", "*").list().ofMinSize(1).ofMaxSize(5)
                .filter(tokens -> tokens.contains("*"));
        return pattern.flatMap(p -> Combinators.combine(subjectFor(p), Arbitraries.longs())
                .as((subject, seed) -> new Case(p, subject, seed)));
    }

    private static Arbitrary<List<String>> subjectFor(List<String> pattern) {
        Arbitrary<String> wildToken = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(4);
        return wildToken.list().ofSize(pattern.size()).map(fill -> {
            List<String> subject = new ArrayList<>();
            for (int i = 0; i < pattern.size(); i++) {
                subject.add(pattern.get(i).equals("*") ? fill.get(i) : pattern.get(i));
            }
            return subject;
        });
    }
}
