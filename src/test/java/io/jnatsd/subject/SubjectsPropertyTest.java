package io.jnatsd.subject;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subject helpers against definitions written the slow, obvious way over token lists. Runs are bounded by
 * jqwik's tries (jqwik ignores JUnit's @Timeout).
 */
class SubjectsPropertyTest {

    /** Every literal over the tiny alphabet with one to four tokens. */
    private static final List<String> ALL_LITERALS = allLiterals();

    @Property(tries = 500)
    void shouldMatchLikeTokenDefinition_whenLiteralAndPatternAreRandom(@ForAll("literals") String literal,
            @ForAll("patterns") String pattern) {
        assertThat(Subjects.matchLiteral(literal, pattern)).isEqualTo(slowMatch(split(literal), split(pattern)));
    }

    @Property(tries = 300)
    void shouldOnlyClaimSubset_whenEveryMatchedLiteralIsAlsoMatchedByTest(@ForAll("patterns") String subject,
            @ForAll("patterns") String test) {
        if (!Subjects.subjectIsSubsetMatch(subject, test)) {
            return;
        }
        for (String literal : ALL_LITERALS) {
            if (Subjects.matchLiteral(literal, subject)) {
                assertThat(Subjects.matchLiteral(literal, test)).as("%s via %s into %s", literal, subject, test)
                        .isTrue();
            }
        }
    }

    @Property(tries = 500)
    void shouldCollide_whenSomeLiteralIsMatchedByBoth(@ForAll("patterns") String a, @ForAll("patterns") String b) {
        boolean witness = ALL_LITERALS.stream()
                .anyMatch(literal -> Subjects.matchLiteral(literal, a) && Subjects.matchLiteral(literal, b));
        assertThat(Subjects.subjectsCollide(a, b)).as("%s vs %s", a, b).isEqualTo(witness);
    }

    @Property(tries = 300)
    void shouldAgreeOnValidity_whenPatternIsWellFormed(@ForAll("patterns") String pattern) {
        assertThat(Subjects.isValidSubject(pattern)).isTrue();
        assertThat(Subjects.isLiteral(pattern)).isEqualTo(!split(pattern).contains("*") && !split(pattern).contains(">"));
        assertThat(Subjects.isValidPublishSubject(pattern)).isEqualTo(Subjects.isLiteral(pattern));
        assertThat(Subjects.numTokens(pattern)).isEqualTo(split(pattern).size());
        for (int i = 0; i < split(pattern).size(); i++) {
            assertThat(Subjects.tokenAt(pattern, i + 1)).isEqualTo(split(pattern).get(i));
        }
    }

    @Provide
    Arbitrary<String> literals() {
        return SublistPropertyTest.literals();
    }

    @Provide
    Arbitrary<String> patterns() {
        return SublistPropertyTest.patterns();
    }

    private static boolean slowMatch(List<String> literal, List<String> pattern) {
        if (pattern.isEmpty()) {
            return literal.isEmpty();
        }
        String head = pattern.get(0);
        if (head.equals(">") && pattern.size() == 1) {
            return !literal.isEmpty();
        }
        if (literal.isEmpty()) {
            return false;
        }
        return (head.equals("*") || head.equals(literal.get(0)))
                && slowMatch(literal.subList(1, literal.size()), pattern.subList(1, pattern.size()));
    }

    private static List<String> split(String subject) {
        List<String> tokens = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= subject.length(); i++) {
            if (i == subject.length() || subject.charAt(i) == '.') {
                tokens.add(subject.substring(start, i));
                start = i + 1;
            }
        }
        return tokens;
    }

    private static List<String> allLiterals() {
        List<String> out = new ArrayList<>(List.of("a", "b", "c"));
        for (int from = 0; out.get(out.size() - 1).length() < 7; ) {
            int to = out.size();
            for (int i = from; i < to; i++) {
                for (String t : List.of("a", "b", "c")) {
                    out.add(out.get(i) + "." + t);
                }
            }
            from = to;
        }
        return out;
    }
}
