package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs whose fate under the reference parser was recorded (reference-parse-cases.tsv): the curated surprises
 * of the reference lexer plus seeded token soup. Each must come out the same here: the same tree, or an error.
 */
@Timeout(30)
class ReferenceParseCasesTest {

    @Test
    void shouldBuildTheSameTreeOrFail_whenTheReferenceDid() throws IOException {
        List<String> mismatches = new ArrayList<>();
        List<String> lines = cases();
        assertThat(lines).hasSizeGreaterThan(300);
        int accepted = 0;
        for (String line : lines) {
            int tab = line.lastIndexOf('\t');
            String input = unescape(line.substring(0, tab));
            String expected = line.substring(tab + 1);
            String actual;
            try {
                actual = "OK " + ConfTreeDump.dump(new ConfParser(name -> null).parseString(input).plain());
            } catch (ConfException e) {
                actual = "ERR";
            }
            if (expected.startsWith("OK")) {
                accepted++;
            }
            if (!actual.equals(expected)) {
                mismatches.add(ConfException.snippet(input) + " -> expected " + expected + " but got " + actual);
            }
        }
        assertThat(accepted).isGreaterThan(100);
        assertThat(mismatches).isEmpty();
    }

    private static List<String> cases() throws IOException {
        try (InputStream in = ReferenceParseCasesTest.class.getResourceAsStream("reference-parse-cases.tsv")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isEmpty()).toList();
        }
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            sb.append(switch (n) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> n;
            });
        }
        return sb.toString();
    }
}
