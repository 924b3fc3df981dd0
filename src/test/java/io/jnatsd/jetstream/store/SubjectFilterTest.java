package io.jnatsd.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SubjectFilterTest {
    @Test
    void shouldMatchNatsWildcards_whenFilterHasStarAndGt() {
        assertThat(SubjectFilter.of("a.*.c").matches("a.b.c")).isTrue();
        assertThat(SubjectFilter.of("a.*.c").matches("a.b.d")).isFalse();
        assertThat(SubjectFilter.of("a.*.c").matches("a..c")).isFalse();
        assertThat(SubjectFilter.of("a.*").matches("a.b.c")).isFalse();
        assertThat(SubjectFilter.of("a.>").matches("a.b.c")).isTrue();
        assertThat(SubjectFilter.of("a.>").matches("a")).isFalse();
        assertThat(SubjectFilter.of("a.>").matches("ab.c")).isFalse();
        assertThat(SubjectFilter.of("*").matches("foo")).isTrue();
        assertThat(SubjectFilter.of("*").matches("foo.bar")).isFalse();
        assertThat(SubjectFilter.of("foo.bar").matches("foo.bar")).isTrue();
        assertThat(SubjectFilter.of("foo.bar").matches("foo.baz")).isFalse();
        assertThat(SubjectFilter.of("foo.ba").matches("foo.bar")).isFalse();
        assertThat(SubjectFilter.of("*.>").matches("x.y")).isTrue();
        assertThat(SubjectFilter.of("").matchesAll()).isTrue();
        assertThat(SubjectFilter.of("a.b.*.c").literalPrefix()).isEqualTo("a.b.");
        assertThat(SubjectFilter.of("*.c").literalPrefix()).isEmpty();
        assertThat(SubjectFilter.of("a.b").literalPrefix()).isEqualTo("a.b");
    }
}
