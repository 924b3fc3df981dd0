package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(10)
class ConfLexerTest {

    private static List<String> kinds(String text) throws ConfException {
        return ConfLexer.tokenize(text, "t.conf").stream().map(t -> t.type() + ":" + t.text()).toList();
    }

    @Test
    void shouldEmitKeyAndTypedValue_whenOneAssignment() throws ConfException {
        assertThat(kinds("foo = 123")).containsExactly("KEY:foo", "INTEGER:123", "EOF:");
        assertThat(kinds("foo = 22.2")).containsExactly("KEY:foo", "FLOAT:22.2", "EOF:");
        assertThat(kinds("foo = yes")).containsExactly("KEY:foo", "BOOL:yes", "EOF:");
        assertThat(kinds("foo = $bar")).containsExactly("KEY:foo", "VARIABLE:bar", "EOF:");
        assertThat(kinds("foo = 2016-05-04T18:53:41Z")).containsExactly("KEY:foo", "DATETIME:2016-05-04T18:53:41Z",
                "EOF:");
        assertThat(kinds("foo = 3Mbs,")).containsExactly("KEY:foo", "STRING:3Mbs", "EOF:");
        assertThat(kinds("foo = -1GB ")).containsExactly("KEY:foo", "INTEGER:-1GB", "EOF:");
    }

    @Test
    void shouldEmitStructure_whenArraysAndMapsNest() throws ConfException {
        assertThat(kinds("a = [1, {b: 'x'}]")).containsExactly("KEY:a", "ARRAY_START:", "INTEGER:1", "MAP_START:",
                "KEY:b", "STRING:x", "MAP_END:", "ARRAY_END:", "EOF:");
    }

    @Test
    void shouldEmitInclude_whenKeywordIsFollowedBySpace() throws ConfException {
        assertThat(kinds("include \"users.conf\"")).containsExactly("INCLUDE:users.conf", "EOF:");
        assertThat(kinds("foo {include users.conf}")).containsExactly("KEY:foo", "MAP_START:", "INCLUDE:users.conf",
                "MAP_END:", "EOF:");
        assertThat(kinds("INCLUDE 'a b.conf'")).containsExactly("INCLUDE:a b.conf", "EOF:");
        assertThat(kinds("include=1")).containsExactly("KEY:include", "INTEGER:1", "EOF:");
    }

    @Test
    void shouldPlaceTokens_whenCountingLinesAndColumnsFromOne() throws ConfException {
        List<ConfToken> tokens = ConfLexer.tokenize("\nsystems {\n  allinone {\n    d: \"x\"\n  }\n}\n", "t.conf");
        assertThat(tokens.get(0).position()).isEqualTo(new ConfPosition("t.conf", 2, 1));
        assertThat(tokens.get(1).position()).isEqualTo(new ConfPosition("t.conf", 2, 9));
        assertThat(tokens.get(4).position()).isEqualTo(new ConfPosition("t.conf", 4, 5));
        assertThat(tokens.get(5).position()).isEqualTo(new ConfPosition("t.conf", 4, 8));
        assertThat(tokens.get(6).position()).isEqualTo(new ConfPosition("t.conf", 5, 3));
    }

    @Test
    void shouldCountColumnsInCodePoints_whenTextIsNotAscii() throws ConfException {
        List<ConfToken> tokens = ConfLexer.tokenize("ключ = 😀 # x", "t.conf");
        assertThat(tokens.get(1).text()).isEqualTo("😀");
        assertThat(tokens.get(1).position().column()).isEqualTo(8);
    }

    @Test
    void shouldPointAtTheOffendingCharacter_whenAValueEndsBadly() {
        ConfException e = catchThrowableOfType(ConfException.class, () -> ConfLexer.tokenize("a = 1.5s", "t.conf"));
        assertThat(e.position()).isEqualTo(new ConfPosition("t.conf", 1, 8));
        assertThat(e.offending()).isEqualTo("s");
        assertThat(e.getMessage()).isEqualTo("t.conf:1:8: expected a new line, ';', ',' or a comment after a"
                + " top-level value (at 's')");
    }

    @Test
    void shouldPointAtTheOpening_whenAQuoteOrBlockIsNeverClosed() {
        ConfException e = catchThrowableOfType(ConfException.class,
                () -> ConfLexer.tokenize("a = 1\nlisten: \"localhost:4242\n\nhttp: 1\n", "t.conf"));
        assertThat(e.position()).isEqualTo(new ConfPosition("t.conf", 2, 9));
        assertThat(e.reason()).isEqualTo("quoted string is not closed before the end of input");
    }

    @Test
    void shouldTreatASingleSlashLikeTheReference_whenBetweenValues() throws ConfException {
        assertThat(kinds("a = 1 / \n")).containsExactly("KEY:a", "INTEGER:1", "EOF:");
        assertThat(kinds("m { /foo = 1 / b = 2 }")).containsExactly("KEY:m", "MAP_START:", "KEY:foo", "INTEGER:1",
                "KEY:b", "INTEGER:2", "MAP_END:", "EOF:");
    }
}
