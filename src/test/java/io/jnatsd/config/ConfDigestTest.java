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

/** Digests expected here are the ones the reference's conf tests (TestParseDigest) expect for the same input. */
@Timeout(10)
class ConfDigestTest {

    private static final String FOO_BAR = "sha256:226e49e13d16e5e8aa0d62e58cd63361bf097d3e2b2444aa3044334628a2e8de";

    private static String digest(String text) throws ConfException {
        return ConfDigest.of(new ConfParser(n -> null).parseString(text));
    }

    @Test
    void shouldIgnoreCommentsBlanksAndSyntax_whenValuesAreTheSame() throws ConfException {
        assertThat(digest("foo = bar")).isEqualTo(FOO_BAR);
        assertThat(digest("# Comments and whitespace have no effect\n   foo = bar\n   ")).isEqualTo(FOO_BAR);
        assertThat(digest("'foo': 'bar'\n")).isEqualTo(FOO_BAR);
        assertThat(digest("{ 'foo': 'bar' }\n")).isEqualTo(FOO_BAR);
    }

    @Test
    void shouldMatchTheReference_whenVariablesAreSubstituted() throws ConfException {
        assertThat(digest("""
                BAR_USERS = { users = [ {user = "bar"} ]}
                hello = 'world'
                accounts {
                  QUUX_USERS = [ { user: quux }]
                  bar = $BAR_USERS
                  quux = { users = $QUUX_USERS }
                }
                very { nested { env { VAR = 'NESTED', quux = $VAR }}}
                """)).isEqualTo("sha256:bddb282343249c26d3edcef9bfaa9d2711505fc67210380e871405ba394a9186");
        assertThat(digest("""
                hello = 'world'
                accounts {
                  bar  = { users = [ { user = "bar" } ]}
                  quux = { users = [ { user: quux   } ]}
                }
                very { nested { env { quux = 'NESTED' }}}
                """)).isEqualTo("sha256:34f8faf3f269fe7509edc4742f20c8c4a7ad51fe21f8b361764314b533ac3ab5");
        assertThat(digest("BAR_USERS = { users = [ {user = \"foo\"} ]}\nbar = $BAR_USERS\naccounts {\n"
                + "  users = $BAR_USERS\n}\n"))
                .isEqualTo("sha256:b0e2ba0b8ec2cb75681b5c5d61789cda0c9942c2f9fe16cdb7f6703364485360");
        assertThat(digest("bar = { users = [ {user = \"foo\"} ]}\naccounts {\n  users = { users = [ {user = \"foo\"} ]}\n}\n"))
                .isEqualTo("sha256:f5d943b4ed22b80c6199203f8a7eaa8eb68ef7b2d46ef6b1b26f05e21f8beb13");
    }

    @Test
    void shouldMatchTheReference_whenIncludesFillMaps(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("foo.conf"), " users = [{user = \"foo\"}]");
        Files.writeString(dir.resolve("bar.conf"), " users = [{user = \"bar\"}]");
        Files.writeString(dir.resolve("quux.conf"), " users = [{user = \"quux\"}]");
        Files.writeString(dir.resolve("nats.conf"), "accounts {\n  foo { include 'foo.conf'}\n"
                + "  bar { users = [{user = \"bar\"}] }\n  quux { include 'quux.conf'}\n}\n");
        assertThat(ConfDigest.of(new ConfParser(n -> null).parseFile(dir.resolve("nats.conf"))))
                .isEqualTo("sha256:e72d70c91b64b0f880f86decb95ec2600cbdcf8bdcd2355fce5ebc54a84a77e9");
    }

    @Test
    void shouldWriteGoJson_whenValuesNeedEscapesOrFloatForms() {
        assertThat(ConfDigest.goJson(Map.of("a", "<&>\"\\\n\u0001\u2028"))).isEqualTo(
                "{\"a\":\"\\u003c\\u0026\\u003e\\\"\\\\\\n\\u0001\\u2028\"}");
        assertThat(ConfDigest.goJson(List.of(2.0, 0.5, -1.25, 1e21, 1.5e-7, 123456789.0, 1e-6, 0.0, -0.0)))
                .isEqualTo("[2,0.5,-1.25,1e+21,1.5e-7,123456789,0.000001,0,-0]");
        assertThat(ConfDigest.goJson(List.of(1e100, 5e-324, Long.MAX_VALUE, true, Instant.parse("2016-05-04T18:53:41Z"))))
                .isEqualTo("[1e+100,5e-324,9223372036854775807,true,\"2016-05-04T18:53:41Z\"]");
    }
}
