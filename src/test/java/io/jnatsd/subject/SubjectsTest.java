package io.jnatsd.subject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class SubjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"foo", "foo.bar", "foo.bar.baz", "*", ">", "foo.*", "foo.bar.>", "*.*.>", "foo.*.bar",
        "foo*", "foo**", "foo.**", "foo*bar", "foo.*bar", "foo*.bar", "*bar", "foo>", "foo.>>", "foo>bar",
        "foo.>bar", "foo>.bar", ">bar", "a-b_c.d$e", "$SYS.ACCOUNT.>", "_INBOX.abc.*", "héllo.wörld"})
    void shouldAcceptSubject_whenTokensAreNonEmptyAndFullWildcardIsLast(String subject) {
        assertThat(Subjects.isValidSubject(subject)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".", "..", ".foo", "foo.", "foo..bar", "foo.bar..baz", ">.bar", "foo.>.bar", "foo.>.>",
        "> ", "foo bar", " foo", "foo ", "foo.\tbar", "foo\nbar", "foo\rbar", "foo\fbar", "foo. .bar", "*. "})
    void shouldRejectSubject_whenEmptyTokenOrWhitespaceOrFullWildcardNotLast(String subject) {
        assertThat(Subjects.isValidSubject(subject)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "foo.bar", "foo*", "foo**", "foo.**", "foo*bar", "foo.*bar", "foo*.bar", "*bar",
        "foo>", "foo>>", "foo.>>", "foo>bar", "foo.>bar", "foo>.bar", ">bar"})
    void shouldAcceptLiteralSubject_whenNoTokenIsAWildcard(String subject) {
        assertThat(Subjects.isValidLiteralSubject(subject)).isTrue();
        assertThat(Subjects.isValidPublishSubject(subject)).isTrue();
        assertThat(Subjects.isLiteral(subject)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".foo", "foo.", "foo..bar", "foo.bar.*", "foo.bar.>", "*", ">", "*.bar", "foo.*.bar"})
    void shouldRejectLiteralSubject_whenEmptyTokenOrWildcardToken(String subject) {
        assertThat(Subjects.isValidLiteralSubject(subject)).isFalse();
        assertThat(Subjects.isValidPublishSubject(subject)).isFalse();
    }

    @Test
    void shouldAcceptWhitespaceInLiteralSubject_whenCheckedLikeTheReference() {
        // The reference's IsValidLiteralSubject only looks at tokens; whitespace is IsValidSubject's job.
        assertThat(Subjects.isValidLiteralSubject("foo bar")).isTrue();
        assertThat(Subjects.isValidPublishSubject("foo bar")).isFalse();
    }

    @Test
    void shouldRejectStrictSubject_whenItHasNulOrUndecodableBytes() {
        assertThat(Subjects.isValidSubjectStrict("foo.bar.baz")).isTrue();
        assertThat(Subjects.isValidSubjectStrict("foo.bar.baz.\u0000")).isFalse();
        assertThat(Subjects.isValidSubject("foo.bar.baz.\u0000")).isTrue();
        String undecodable = new String(new byte[] {'f', 'o', (byte) 0xC3, '.', 'x'}, StandardCharsets.UTF_8);
        assertThat(Subjects.isValidSubjectStrict(undecodable)).isFalse();
        assertThat(Subjects.isValidSubjectStrict("foo..bar")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", ">", "foo.*", "foo.>", "foo.*.>", "foo.*.bar", "foo.bar.>", "*.foo"})
    void shouldReportNotLiteral_whenATokenIsAWildcard(String subject) {
        assertThat(Subjects.isLiteral(subject)).isFalse();
        assertThat(Subjects.isValidPublishSubject(subject)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "foo, foo, true",
        "foo, bar, false",
        "foo, *, true",
        "foo, >, true",
        "foo.bar, >, true",
        "foo.bar, foo.>, true",
        "foo.bar, bar.>, false",
        "foo, foo.>, false",
        "stats.test.22, stats.>, true",
        "stats.test.22, stats.*.*, true",
        "foo.bar, foo, false",
        "foo, foo.bar, false",
        "stats.test.foos, stats.test.foos, true",
        "stats.test.foos, stats.test.foo, false",
        "stats.test.fo, stats.test.foo, false",
        "stats.test, stats.test.*, false",
        "stats.test.foos, stats.*, false",
        "stats.test.foos, stats.*.*.foos, false",
        "a.b.c, *.b.*, true",
        "a.b.c, *.*.*.>, false",
        "a.b.c.d, *.*.>, true",
        "*bar, *bar, true",
        "xbar, *bar, false",
        "foo*, foo*, true",
        "foox, foo*, false",
        "foo*bar, foo*bar, true",
        "foo.***.bar, foo.***.bar, true",
        ">bar, >bar, true",
        "foo>, foo>, true",
        "foo>bar, foo>bar, true",
        "foo.>>>.bar, foo.>>>.bar, true",
        "foo.x.bar, foo.>.bar, false",
        "foo.>.bar, foo.>.bar, true",
    })
    void shouldMatchLiteralAgainstPattern_whenWildcardsAreWholeTokens(String literal, String pattern, boolean match) {
        assertThat(Subjects.matchLiteral(literal, pattern)).isEqualTo(match);
    }

    @ParameterizedTest
    @CsvSource({
        "foo.bar, foo.bar, true",
        "foo.*, >, true",
        "foo.*, *.*, true",
        "foo.*, foo.*, true",
        "foo.*, foo.bar, false",
        "foo.>, >, true",
        "foo.>, *.>, true",
        "foo.>, foo.>, true",
        "foo.>, foo.bar, false",
        "foo.>, foo.*, false",
        "foo.bar, foo.*, true",
        "foo.bar.baz, foo.*, false",
        "foo, foo.*, false",
        "foo..bar, foo.*, false",
        "foo.*, foo..bar, false",
        "foo.bar, foo.*x, false",
    })
    void shouldReportSubsetMatch_whenEverySubjectOfTheFirstMatchesTheSecond(String subject, String test,
            boolean subset) {
        assertThat(Subjects.subjectIsSubsetMatch(subject, test)).isEqualTo(subset);
    }

    @ParameterizedTest
    @CsvSource({
        "foo.*, foo.*.bar.>, false",
        "foo.*.bar.>, foo.*, false",
        "foo.*, foo.foo, true",
        "foo.*, *.foo, true",
        "foo.bar.>, *.bar.foo, true",
        "foo.bar, foo.bar, true",
        "foo.bar, foo.baz, false",
        "foo.>, foo, false",
        "foo.>, >, true",
        "*, foo.bar, false",
        "*.>, foo, false",
        "a.*.c, a.b.*, true",
        "a.*.c, a.b.d, false",
        "a.>, *.b.c.d, true",
        "a..b, a.*.b, false",
        "a..b, a..b, true",
        "foo.*x, foo.bar, false",
    })
    void shouldReportCollision_whenSomeLiteralMatchesBoth(String a, String b, boolean collide) {
        assertThat(Subjects.subjectsCollide(a, b)).isEqualTo(collide);
        assertThat(Subjects.subjectsCollide(b, a)).isEqualTo(collide);
    }

    @ParameterizedTest
    @CsvSource({"'', 0", "foo, 1", "foo.bar, 2", "foo.bar.baz.*, 4", "., 2"})
    void shouldCountTokens_whenSplitOnDots(String subject, int tokens) {
        assertThat(Subjects.numTokens(subject)).isEqualTo(tokens);
    }

    @ParameterizedTest
    @CsvSource({"0, ''", "1, foo", "2, bar", "3, baz", "4, *", "5, ''", "-1, ''"})
    void shouldReturnOneBasedToken_whenIndexInRange(int index, String token) {
        assertThat(Subjects.tokenAt("foo.bar.baz.*", index)).isEqualTo(token);
    }
}
