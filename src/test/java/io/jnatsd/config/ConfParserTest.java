package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

@Timeout(10)
class ConfParserTest {

    private static final ConfParser PARSER = new ConfParser(name -> null);

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String text) throws ConfException {
        return (Map<String, Object>) PARSER.parseString(text).plain();
    }

    static ConfException parseError(String text) {
        return (ConfException) org.assertj.core.api.Assertions.catchThrowable(() -> PARSER.parseString(text));
    }

    @Test
    void shouldReadScalars_whenSeparatedByEqualsColonOrSpace() throws ConfException {
        assertThat(parse("foo='1'; bar=2.2; baz=true; boo=22"))
                .containsExactly(entry("foo", "1"), entry("bar", 2.2), entry("baz", true), entry("boo", 22L));
        assertThat(parse("a: 1\nb 2\nc\t3\nd=4")).containsExactly(
                entry("a", 1L), entry("b", 2L), entry("c", 3L), entry("d", 4L));
    }

    @Test
    void shouldKeepFileOrder_whenBuildingMaps() throws ConfException {
        assertThat(parse("z=1\na=2\nm=3").keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void shouldBuildNestedMapsAndArrays_whenBlocksAreUsed() throws ConfException {
        Map<String, Object> m = parse("""
                foo  {
                  host {
                    ip   = '127.0.0.1'
                    port = 4242
                  }
                  servers = [ "a.com", "b.com", "c.com"]
                }
                array [
                  { abc: 123 }
                  { xyz: "word" }
                ]
                """);
        assertThat(m.get("foo")).isEqualTo(Map.of("host", Map.of("ip", "127.0.0.1", "port", 4242L),
                "servers", List.of("a.com", "b.com", "c.com")));
        assertThat(m.get("array")).isEqualTo(List.of(Map.of("abc", 123L), Map.of("xyz", "word")));
    }

    @Test
    void shouldIgnoreComments_whenHashOrDoubleSlash() throws ConfException {
        Map<String, Object> m = parse("""
                # top
                a = 1 # trailing
                b = [
                  1, # one
                  2 // two
                ]
                // slash comment
                c { d = 2 // in map
                }
                """);
        assertThat(m).containsExactly(entry("a", 1L), entry("b", List.of(1L, 2L)), entry("c", Map.of("d", 2L)));
    }

    @Test
    void shouldReadBooleans_whenAnyCaseOfTrueYesOnAndTheirOpposites() throws ConfException {
        assertThat(parse("a=TRUE\nb=yes\nc=On\nd=false\ne=NO\nf=off\ng='true'")).containsExactly(
                entry("a", true), entry("b", true), entry("c", true), entry("d", false), entry("e", false),
                entry("f", false), entry("g", "true"));
    }

    @Test
    void shouldApplyReferenceMultipliers_whenIntegersHaveSizeSuffixes() throws ConfException {
        Map<String, Object> m = parse("""
                k = 8k
                kb = 4kb
                ki = 3ki
                m = 1m
                mb = 2MB
                mib = 64MiB
                g = 2g
                gb = 22GB
                tb = 1TB
                p = 1p
                e = 1e
                neg = -1GB
                """);
        assertThat(m).containsExactly(entry("k", 8_000L), entry("kb", 4_096L), entry("ki", 3_072L),
                entry("m", 1_000_000L), entry("mb", 2L << 20), entry("mib", 64L << 20), entry("g", 2_000_000_000L),
                entry("gb", 22L << 30), entry("tb", 1L << 40), entry("p", 1_000_000_000_000_000L),
                entry("e", 1_000_000_000_000_000_000L), entry("neg", -(1L << 30)));
    }

    @Test
    void shouldKeepDurationsAndOtherDigitLedWordsAsStrings_whenNotNumbers() throws ConfException {
        assertThat(parse("a = 10s\nb = 1ms\nc = 3xyz\nd = 1Ghz\ne = 127.0.0.1:4222\nf = 1.2.3.4"))
                .containsExactly(entry("a", "10s"), entry("b", "1ms"), entry("c", "3xyz"), entry("d", "1Ghz"),
                        entry("e", "127.0.0.1:4222"), entry("f", "1.2.3.4"));
    }

    @Test
    void shouldReadFloatsAndNegativeNumbers_whenWritten() throws ConfException {
        assertThat(parse("a = 0.5\nb = -2.25\nc = -7")).containsExactly(
                entry("a", 0.5), entry("b", -2.25), entry("c", -7L));
    }

    @Test
    void shouldReadZuluDateTime_whenIso8601() throws ConfException {
        assertThat(parse("now = 2016-05-04T18:53:41Z"))
                .containsExactly(entry("now", Instant.parse("2016-05-04T18:53:41Z")));
    }

    @Test
    void shouldResolveEscapes_whenDoubleQuotedOrBare() throws ConfException {
        assertThat(parse("a = \"t\\tn\\nq\\\"b\\\\x\\x41\"\nb = start\\x45\\x71\nc = '\\n raw'\nd = \"\\xc3\\xa9\""))
                .containsExactly(entry("a", "t\tn\nq\"b\\xA"), entry("b", "startEq"), entry("c", "\\n raw"),
                        entry("d", "é"));
    }

    @Test
    void shouldKeepBackslashedWordsAsStrings_whenTheyLookLikeBooleansOrVariables() throws ConfException {
        assertThat(parse("a = \\\\true\nb = \\\\$var")).containsExactly(entry("a", "\\true"), entry("b", "\\$var"));
    }

    @Test
    void shouldReadBlockString_whenClosedByParenthesisAloneOnALine() throws ConfException {
        assertThat(parse("numbers (\n  12(34)56\n  (\n    7890\n  )\n)\nnext = 1\n")).containsExactly(
                entry("numbers", "\n  12(34)56\n  (\n    7890\n  )\n"), entry("next", 1L));
    }

    @Test
    void shouldAcceptJsonLikeFiles_whenWrappedInBraces() throws ConfException {
        Map<String, Object> m = parse("""
                {
                  "http_port": 8227,
                  "write_deadline": "1h",
                  "cluster": { "port": 6222, "routes": [ "nats://127.0.0.1:4222" ] }
                }
                """);
        assertThat(m).containsExactly(entry("http_port", 8227L), entry("write_deadline", "1h"),
                entry("cluster", Map.of("port", 6222L, "routes", List.of("nats://127.0.0.1:4222"))));
        assertThat(parse("{}")).isEmpty();
        assertThat(parse("accounts { users = [{}]}\n}\n")).containsOnlyKeys("accounts");
    }

    @Test
    void shouldLetAKeyFindItsValueOnTheNextLine_whenNoSeparatorIsWritten() throws ConfException {
        assertThat(parse("a\nb")).containsExactly(entry("a", "b"));
    }

    @Test
    void shouldReplaceEarlierValue_whenAKeyRepeats() throws ConfException {
        assertThat(parse("a = 1\nb = 2\na = 3")).containsExactly(entry("a", 3L), entry("b", 2L));
    }

    @Test
    void shouldAcceptEmptyInput_whenOnlyBlanksAndComments() throws ConfException {
        assertThat(parse("")).isEmpty();
        assertThat(parse("\n   # only a comment\n  \n")).isEmpty();
    }

    @Test
    void shouldRecordKeyAndValuePositions_whenParsing() throws ConfException {
        ConfValue root = PARSER.parseString("a = 1\nblock {\n  inner:   \"x\"\n}\n");
        ConfValue inner = root.asMap().get("block").asMap().get("inner");
        assertThat(inner.keyPosition()).isEqualTo(new ConfPosition(ConfPosition.NO_FILE, 3, 3));
        assertThat(inner.position()).isEqualTo(new ConfPosition(ConfPosition.NO_FILE, 3, 12));
        assertThat(root.asMap().get("a").position().toString()).isEqualTo("<string>:1:5");
    }

    @Test
    void shouldNameFileLineAndColumn_whenSyntaxIsBad() {
        ConfException e = parseError("a = 1\ncluster {\n  listen: localhost:4244 foo\n}\n");
        assertThat(e.position()).isEqualTo(new ConfPosition("<string>", 3, 26));
        assertThat(e.getMessage()).startsWith("<string>:3:26: ").contains("'f'");
    }

    @Test
    void shouldReject_whenInputIsTruncatedOrUnbalanced() {
        assertThat(parseError("listen: \"localhost:4242\n\nhttp: 8222\n").reason()).contains("not closed");
        assertThat(parseError("cluster = {\n  foo = bar\n").position().line()).isEqualTo(1);
        assertThat(parseError("a = [1, 2,\n").reason()).contains("array");
        assertThat(parseError("quote = (\n  foo\n").reason()).contains("block string");
        assertThat(parseError("a = 1\nb").reason()).contains("has no value");
        assertThat(parseError("a = 1\n'").reason()).contains("not closed");
        assertThat(parseError("x = {a }").reason()).contains("has no value");
    }

    @Test
    void shouldRejectLikeTheReference_whenANumberIsDirectlyFollowedByBracket() throws ConfException {
        assertThat(parseError("a = [1]").reason()).contains("array").contains("put a ',' or a new line before the ']'");
        assertThat(parseError("a = [1] \n").reason()).contains("\"1]\" was read as part of that value");
        assertThat(parse("a = [1, 2\n]")).containsExactly(entry("a", List.of(1L, 2L)));
        assertThat(parse("a = [1k]")).containsExactly(entry("a", List.of("1k")));
    }

    @Test
    void shouldReject_whenValueIsMissingOrMalformed() {
        assertThat(parseError("a =\n 1").reason()).contains("new line");
        assertThat(parseError("a = .5").reason()).contains("digit");
        assertThat(parseError("a = 12-3").reason()).contains("date-time");
        assertThat(parseError("a = 2001-02-30T00:00:00Z").reason()).contains("date-time");
        assertThat(parseError("a = \\y").reason()).contains("escape");
        assertThat(parseError("a = \"\\xZZ\"").reason()).contains("hexadecimal");
        assertThat(parseError(" :foo = 22").reason()).contains("separator");
        assertThat(parseError("a = 99999999999999999999").reason()).contains("range");
        assertThat(parseError("a = 10E").reason()).contains("range");
        assertThat(parseError("a = 1kbb").reason()).contains("suffix");
        assertThat(parseError("a = 1\0").reason()).contains("NUL");
    }

    @Test
    void shouldResolveVariables_whenDefinedEarlierInTheBlockOrAnEnclosingOne() throws ConfException {
        Map<String, Object> m = parse("""
                index = 22
                nest {
                  index = 11
                  foo = $index
                }
                bar = $index
                """);
        assertThat(m).containsExactly(entry("index", 22L), entry("nest", Map.of("index", 11L, "foo", 11L)),
                entry("bar", 22L));
    }

    @Test
    void shouldShareWholeMaps_whenVariablesReferToThem() throws ConfException {
        Map<String, Object> m = parse("BAR_USERS = { users = [ {user = \"bar\"} ]}\naccounts { bar = $BAR_USERS }");
        assertThat(m.get("accounts")).isEqualTo(Map.of("bar", Map.of("users", List.of(Map.of("user", "bar")))));
    }

    @Test
    void shouldMarkKeys_whenUsedAsVariables() throws ConfException {
        ConfValue root = PARSER.parseString("port = 4222\nmonitor_port = $port\n");
        assertThat(root.asMap().get("port").isUsedAsVariable()).isTrue();
        assertThat(root.asMap().get("monitor_port").isUsedAsVariable()).isFalse();
        assertThat(root.asMap().get("monitor_port").position().column()).isEqualTo(16);
    }

    @Test
    void shouldReadEnvironment_whenNoKeyMatches() throws ConfException {
        Map<String, String> env = Map.of("NUM", "22", "STR", "xyz", "QUOTED", "'3xyz'", "SIZE", "3Gyz",
                "MAP", "{ a = 1 }", "INDIRECT", "$NUM");
        ConfParser parser = new ConfParser(env::get);
        Object m = parser.parseString("a=$NUM\nb=$STR\nc=$QUOTED\nd=$SIZE\ne=$MAP\nf=$INDIRECT\nNUM=1\ng=$NUM").plain();
        assertThat(m).isEqualTo(Map.of("a", 22L, "b", "xyz", "c", "3xyz", "d", "3Gyz", "e", Map.of("a", 1L),
                "f", 22L, "NUM", 1L, "g", 1L));
    }

    @Test
    void shouldReject_whenVariableIsUndefinedOrCyclic() {
        ConfException undefined = parseError("a = 1\nfoo = $index");
        assertThat(undefined.position()).isEqualTo(new ConfPosition("<string>", 2, 7));
        assertThat(undefined.reason()).contains("'index' is not defined");
        ConfParser cyclic = new ConfParser(Map.of("A", "$B", "B", "$A")::get);
        assertThatThrownBy(() -> cyclic.parseString("x = $A")).isInstanceOf(ConfException.class)
                .hasMessageContaining("cycle");
        assertThat(parseError("a = { b = $a }").reason()).contains("not defined");
    }

    @Test
    void shouldKeepBcryptHashes_whenTheyLookLikeVariables() throws ConfException {
        assertThat(parse("password: $2a$11$ooo")).containsExactly(entry("password", "$2a$11$ooo"));
    }

    @Test
    void shouldMergeIncludedKeys_whenIncludeIsRelativeToTheIncludingFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("includes"));
        Files.writeString(dir.resolve("includes/passwords.conf"), "ALICE_PASS: secret\n");
        Files.writeString(dir.resolve("includes/users.conf"),
                "include ./passwords.conf\nusers = [ {user: alice, password: $ALICE_PASS} ]\n");
        Files.writeString(dir.resolve("main.conf"),
                "listen: 127.0.0.1:4222\nauthorization {\n  include 'includes/users.conf'\n  timeout: 0.5\n}\n");
        Map<String, Object> m = PARSER.parseFileToMap(dir.resolve("main.conf"));
        assertThat(m).isEqualTo(Map.of("listen", "127.0.0.1:4222", "authorization", Map.of("ALICE_PASS", "secret",
                "users", List.of(Map.of("user", "alice", "password", "secret")), "timeout", 0.5)));
        ConfValue root = PARSER.parseFile(dir.resolve("main.conf"));
        ConfPosition pass = root.asMap().get("authorization").asMap().get("ALICE_PASS").keyPosition();
        assertThat(pass.file()).endsWith("passwords.conf");
        assertThat(pass.line()).isEqualTo(1);
    }

    @Test
    void shouldJoinAbsoluteIncludePaths_likeGoFilepathJoin() {
        assertThat(ConfParser.resolveInclude(Path.of("/etc/nats"), "/x/y.conf")).isEqualTo(Path.of("/etc/nats/x/y.conf"));
        assertThat(ConfParser.resolveInclude(Path.of("conf"), "../a.conf")).isEqualTo(Path.of("a.conf"));
    }

    @Test
    void shouldNameTheIncludeChain_whenAnIncludedFileIsBad(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.conf"), "ok = 1\nAAAA");
        Files.writeString(dir.resolve("main.conf"), "a = 1\nfoo { include 'bad.conf' }\n");
        assertThatThrownBy(() -> PARSER.parseFile(dir.resolve("main.conf"))).isInstanceOf(ConfException.class)
                .hasMessageContaining("bad.conf:2:1: key 'AAAA' has no value")
                .hasMessageContaining("(included from " + dir.resolve("main.conf") + ":2:15)");
    }

    @Test
    void shouldReject_whenIncludeIsMissingOrLoops(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.conf"), "x = 1\ninclude b.conf\n");
        Files.writeString(dir.resolve("b.conf"), "include 'a.conf'\n");
        Files.writeString(dir.resolve("c.conf"), "include missing.conf\n");
        assertThatThrownBy(() -> PARSER.parseFile(dir.resolve("a.conf"))).isInstanceOf(ConfException.class)
                .hasMessageContaining("include loop: a.conf -> b.conf -> a.conf");
        ConfException missing = (ConfException) org.assertj.core.api.Assertions.catchThrowable(
                () -> PARSER.parseFile(dir.resolve("c.conf")));
        assertThat(missing.position()).isEqualTo(new ConfPosition(dir.resolve("c.conf").toString(), 1, 9));
        assertThat(missing.reason()).contains("missing.conf").contains("no such file");
    }

    @Test
    void shouldBoundNesting_whenIncludesStackDeepBlocks(@TempDir Path dir) throws Exception {
        String deep = "a = " + "[".repeat(200) + "]".repeat(200) + "\n";
        Files.writeString(dir.resolve("inner.conf"), deep);
        Files.writeString(dir.resolve("outer.conf"), "b = " + "{ x = ".repeat(99) + "{ include inner.conf }"
                + " }".repeat(99) + "\n");
        assertThat(PARSER.parseFile(dir.resolve("inner.conf")).asMap()).containsKey("a");
        assertThatThrownBy(() -> PARSER.parseFile(dir.resolve("outer.conf"))).isInstanceOf(ConfException.class)
                .hasMessageContaining("nesting deeper than");
    }

    @Test
    void shouldReportTheFile_whenTheTopFileCannotBeRead(@TempDir Path dir) {
        Path absent = dir.resolve("absent.conf");
        assertThatThrownBy(() -> PARSER.parseFile(absent)).isInstanceOf(ConfException.class)
                .hasMessage(absent + ": cannot read configuration file '" + absent + "': no such file");
    }

    @Test
    void shouldRejectIncludeValuesThatAreNotPaths_whenLexing() {
        assertThat(parseError("include\n").reason()).contains("new line");
        assertThat(parseError("include [a]").reason()).contains("array");
        assertThat(parseError("include 12").reason()).contains("number");
    }
}
