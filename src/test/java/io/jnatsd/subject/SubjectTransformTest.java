package io.jnatsd.subject;

import io.jnatsd.subject.SubjectTransformException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subject transforms: which mappings build, what they produce, and the reference's error texts. */
@Timeout(10)
class SubjectTransformTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo..        | bar                           | false | BAD_SUBJECT",
        "foo.*        | bar.*                         | false | BAD_SUBJECT",
        "foo.*        | bar.$2                        | false | INDEX_OUT_OF_RANGE",
        "foo.*        | bar.$1.>                      | false | BAD_SUBJECT",
        "foo.>        | bar.baz                       | false | BAD_SUBJECT",
        "foo.*.*      | bar.$2                        | true  | NOT_USING_ALL_WILDCARDS",
        "foo.*        | foo.$foo                      | true  | NOT_USING_ALL_WILDCARDS",
        "foo.*        | bar.{{Partition(2,1)}}        | true  | NOT_SUPPORTED_FOR_IMPORT",
        "foo.*        | foo.{{wildcard(2)}}           | false | INDEX_OUT_OF_RANGE",
        "foo.*        | foo.{{unimplemented(1)}}      | false | UNKNOWN_FUNCTION",
        "foo.*        | foo.{{partition()}}           | false | INVALID_ARG",
        "foo.*        | foo.{{random()}}              | false | INVALID_ARG",
        "foo.*        | foo.{{wildcard(foo)}}         | false | INVALID_ARG",
        "foo.*        | foo.{{wildcard()}}            | false | NOT_ENOUGH_ARGS",
        "foo.*        | foo.{{wildcard(1,2)}}         | false | TOO_MANY_ARGS",
        "foo.*        | foo.{{ wildcard5) }}          | false | UNKNOWN_FUNCTION",
        "foo.*        | foo.{{splitLeft(2,2}}         | false | UNKNOWN_FUNCTION",
        "foo          | bla.{{wildcard(1)}}           | false | INDEX_OUT_OF_RANGE",
        "foo.*        | foo.{{partition(2147483648)}} | false | INVALID_ARG",
        "foo.*        | foo.{{random(2147483648)}}    | false | INVALID_ARG",
        "foo.*        | foo.{{split(1)}}              | false | NOT_ENOUGH_ARGS",
        "foo.*        | foo.{{split(1,a b)}}          | false | INVALID_ARG",
        "foo.*        | foo.{{left(1,2,3)}}           | false | TOO_MANY_ARGS",
        "foo.*        | foo.{{random(1,2)}}           | false | NOT_ENOUGH_ARGS",
    })
    void shouldRejectTransform_whenSubjectsOrFunctionsAreInvalid(String src, String dest, boolean strict,
            Reason reason) {
        assertThatThrownBy(() -> compile(src, dest, strict))
                .isInstanceOfSatisfying(SubjectTransformException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo.*        | bar.{{Wildcard(1)}}                                    | true",
        "foo.*.*      | bar.$2                                                 | false",
        "foo.*.*      | bar.{{wildcard(1)}}                                    | false",
        "foo.*.*      | bar.{{partition(1)}}                                   | false",
        "foo.*.*      | bar.{{random(5)}}                                      | false",
        "foo          | bar                                                    | false",
        "foo.*.bar.*.baz | req.$2.$1                                           | false",
        "baz.>        | mybaz.>                                                | false",
        "*            | {{splitfromleft(1,1)}}                                 | false",
        "''           | prefix.>                                               | false",
        "*.*          | {{partition(10,1,2)}}                                  | false",
        "foo.*.*      | foo.{{wildcard(1)}}.{{wildcard(2)}}.{{partition(5,1,2)}} | false",
        "foo.*        | foo.{{partition(2147483647)}}                          | false",
        "foo.*        | foo.{{random(2147483647)}}                             | false",
        "foo.bar      | foo.{{random(2147483647)}}                             | false",
    })
    void shouldBuildTransform_whenMappingIsValid(String src, String dest, boolean strict) {
        assertThat(compile(src, dest, strict)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''              | prefix.>                                 | foo                 | prefix.foo",
        "foo             | bar                                      | foo                 | bar",
        "foo.*.bar.*.baz | req.$2.$1                                | foo.A.bar.B.baz     | req.B.A",
        "foo.*.bar.*.baz | req.{{wildcard(2)}}.{{wildcard(1)}}      | foo.A.bar.B.baz     | req.B.A",
        "baz.>           | my.pre.>                                 | baz.1.2.3           | my.pre.1.2.3",
        "baz.>           | foo.bar.>                                | baz.1.2.3           | foo.bar.1.2.3",
        "*               | foo.bar.$1                               | foo                 | foo.bar.foo",
        "*               | {{splitfromleft(1,3)}}                   | 12345               | 123.45",
        "*               | {{SplitFromRight(1,3)}}                  | 12345               | 12.345",
        "*               | {{SliceFromLeft(1,3)}}                   | 1234567890          | 123.456.789.0",
        "*               | {{SliceFromRight(1,3)}}                  | 1234567890          | 1.234.567.890",
        "*               | {{split(1,-)}}                           | -abc-def--ghi-      | abc.def.ghi",
        "*               | {{split(1,-)}}                           | abc-def--ghi-       | abc.def.ghi",
        "*.*             | {{split(2,-)}}.{{splitfromleft(1,2)}}    | foo.-abc-def--ghij- | abc.def.ghij.fo.o",
        "*               | {{right(1,1)}}                           | 1234                | 4",
        "*               | {{right(1,3)}}                           | 1234                | 234",
        "*               | {{right(1,6)}}                           | 1234                | 1234",
        "*               | {{left(1,1)}}                            | 1234                | 1",
        "*               | {{left(1,3)}}                            | 1234                | 123",
        "*               | {{left(1,6)}}                            | 1234                | 1234",
        "*               | bar.{{partition(0)}}                     | baz                 | bar.0",
        "*               | bar.{{partition(10, 0)}}                 | foo                 | bar.3",
        "*.*             | bar.{{partition(10)}}                    | foo.bar             | bar.6",
        "*               | bar.{{partition(10)}}                    | foo                 | bar.3",
        "*               | bar.{{partition(10)}}                    | baz                 | bar.0",
        "*               | bar.{{partition(10)}}                    | qux                 | bar.9",
        "*               | bar.{{random(0)}}                        | qux                 | bar.0",
        "foo.bar         | baz.{{partition(10)}}                    | foo.bar             | baz.6",
        "foo.baz         | qux.{{partition(10)}}                    | foo.baz             | qux.4",
        "test.subject    | result.{{partition(5)}}                  | test.subject        | result.0",
        "*.*             | {{ Partition (10,1,2) }}                 | a.b                 | 6",
    })
    void shouldMapSubject_whenItMatchesTheSource(String src, String dest, String subject, String expected) {
        assertThat(SubjectTransform.compile(src, dest).match(subject)).isEqualTo(expected);
    }

    @Test
    void shouldReturnNoTransform_whenDestinationIsEmpty() {
        assertThat(SubjectTransform.compile("foo", "")).isNull();
        assertThat(SubjectTransform.compile("foo", null)).isNull();
    }

    @Test
    void shouldNotMatch_whenSubjectIsOutsideSourceOrNotLiteral() {
        SubjectTransform tr = SubjectTransform.compile("foo.*", "bar.$1");
        assertThat(tr.match("foo.x")).isEqualTo("bar.x");
        assertThat(tr.match("baz.x")).isNull();
        assertThat(tr.match("foo.x.y")).isNull();
        assertThat(tr.match("foo.*")).isNull();
        assertThat(tr.match("foo..x")).isNull();
        SubjectTransform any = SubjectTransform.compile(">", ">");
        assertThat(any.match("anything.at.all")).isEqualTo("anything.at.all");
    }

    @Test
    void shouldPickEveryPartitionInRange_whenRandomIsUsed() {
        SubjectTransform tr = SubjectTransform.compile("*", "bar.{{random(6)}}");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            String mapped = tr.match("qux");
            assertThat(mapped).isIn("bar.0", "bar.1", "bar.2", "bar.3", "bar.4", "bar.5");
            seen.add(mapped);
        }
        assertThat(seen).hasSize(6);
    }

    @Test
    void shouldLeaveTokenEmpty_whenSubjectLacksTheWildcardToken() {
        SubjectTransform tr = SubjectTransform.compile("foo.*", "one.two.{{wildcard(1)}}");
        assertThat(tr.transform("foo")).isEqualTo("one.two.");
    }

    @Test
    void shouldMapBack_whenReversed() {
        SubjectTransform tr = SubjectTransform.compileStrict("foo.*.*", "bar.$2.{{Wildcard(1)}}");
        String mapped = tr.transform("foo.b.a");
        assertThat(mapped).isEqualTo("bar.a.b");
        SubjectTransform reverse = tr.reverse();
        assertThat(reverse.source()).isEqualTo("bar.*.*");
        assertThat(reverse.transform(mapped)).isEqualTo("foo.b.a");
    }

    @Test
    void shouldInvertReordering_whenWildcardsAreRotated() {
        SubjectTransform tr = SubjectTransform.compileStrict("foo.*.*.*", "bar.$2.$3.$1");
        assertThat(tr.match("foo.a.b.c")).isEqualTo("bar.b.c.a");
        assertThat(tr.reverse().match("bar.b.c.a")).isEqualTo("foo.a.b.c");
    }

    @Test
    void shouldNumberWildcards_whenTurnedIntoPlaceholders() {
        assertThat(SubjectTransform.wildcardsToPlaceholders("foo.*.*")).isEqualTo("foo.$1.$2");
        assertThat(SubjectTransform.wildcardsToPlaceholders("bar")).isEqualTo("bar");
        assertThat(SubjectTransform.wildcardsToPlaceholders("*.x.>")).isEqualTo("$1.x.>");
    }

    @Test
    void shouldUseReferenceText_whenReportingAnError() {
        assertThatThrownBy(() -> SubjectTransform.compile("foo.*", "foo.{{wildcard()}}"))
                .hasMessage("invalid mapping destination: not enough arguments passed to the function in "
                        + "{{wildcard()}}");
        assertThatThrownBy(() -> SubjectTransform.compile("foo.*", "foo.{{wildcard(2)}}"))
                .hasMessage("invalid mapping destination: wildcard index out of range in {{wildcard(2)}}: [2]");
        assertThatThrownBy(() -> SubjectTransform.compile("foo..", "bar")).hasMessage("invalid subject");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bar     | foo                               | ",
        "foo     | foo.bar                           | ",
        "*       | {{wildcard(1)}}                   | ",
        "foo.>   | >                                 | ",
        "foo.*   | bar.{{wildcard(1)}}               | ",
        "foo.>   | bar.>                             | ",
        "foo.*.> | bar.{{wildcard(1)}}.>             | ",
        "foo.*.bar | bar.{{wildcard(1)}}.foo         | ",
        "foo.bar.> | foo.bar.foo.>                   | ",
        "*       | foo.{{wildcard(1)}}               | ",
        "*       | foo.{{ wildcard(1) }}             | ",
        "*       | foo.{{wildcard( 1 )}}             | ",
        "*       | foo.{{partition(2,1)}}            | ",
        "*.*     | foo.{{SplitFromLeft(2,1)}}        | ",
        "*.*     | foo.{{SplitFromRight(2,1)}}       | ",
        "*       | foo.{{unknown(1)}}                | UNKNOWN_FUNCTION",
        "foo     | foo..}                            | INVALID_DESTINATION_SUBJECT",
        "foo     | foo. bar}                         | INVALID_DESTINATION_SUBJECT",
        "*       | foo.{{left(1,1)}}                 | UNKNOWN_FUNCTION",
    })
    void shouldValidateMapping_whenCheckedLikeTheReference(String src, String dest, Reason reason) {
        if (reason == null) {
            SubjectTransform.validateMapping(src, dest);
        } else {
            assertThatThrownBy(() -> SubjectTransform.validateMapping(src, dest))
                    .isInstanceOfSatisfying(SubjectTransformException.class, e -> {
                        assertThat(e.reason()).isEqualTo(reason);
                        assertThat(e.reason().isInvalidMappingDestination()).isTrue();
                    });
        }
    }

    @Test
    void shouldHashLikeFnv1a_whenComputingPartitions() {
        assertThat(TransformFunctions.fnv1a32("")).isEqualTo(0x811C9DC5);
        assertThat(TransformFunctions.fnv1a32("a")).isEqualTo(0xE40C292C);
        assertThat(TransformFunctions.fnv1a32("foobar")).isEqualTo(0xBF9CF968);
    }

    private static SubjectTransform compile(String src, String dest, boolean strict) {
        return strict ? SubjectTransform.compileStrict(src, dest) : SubjectTransform.compile(src, dest);
    }
}
