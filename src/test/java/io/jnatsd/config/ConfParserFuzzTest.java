package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded random input to the parser: token soup, random bytes and mutated reference files. Whatever the
 * input, the parser either returns a tree or throws {@link ConfException}; nothing else may escape.
 */
@Timeout(120)
class ConfParserFuzzTest {

    private static final long SEED = 0x6a6e617473L;
    private static final String[] PIECES = {
        "a", "b", "include", "x.conf", "}", "{", "[", "]", "=", ":", " ", "\t", "\n", "\r\n", ",", ";", "#c\n",
        "//c\n", "/", "1", "-1", "1.5", "1.2.3.4", "1k", "2mb", "5m", "1kx", "10s", "true", "Yes", "$a", "$b", "$ENV",
        "$LOOP", "'s'", "\"d\\n\"", "\"q\\x41\"", "(\nxx\n)\n", "\\x41", "\\t", "2016-05-04T18:53:41Z", "'", "\"",
        " = ", "a = 1\n", "b { c = 2 }\n", "[1,2\n]", "0", "1.", "-", "$", "\\", "$2a$10$abc", "1ki", "é", "\u00a0",
        "99999999999999999999", "8E", "\u0663", "(", ")",
    };
    private static final Map<String, String> ENV = Map.of("ENV", "{ x = [1, 2\n] }", "LOOP", "$LOOP", "a", "1k");

    @TempDir
    Path base;

    @Test
    void shouldThrowOnlyConfException_whenFedTokenSoup() {
        Random random = new Random(SEED);
        for (int i = 0; i < 12_000; i++) {
            StringBuilder sb = new StringBuilder();
            int pieces = 1 + random.nextInt(24);
            for (int p = 0; p < pieces; p++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            parseExpectingNoCrash(sb.toString());
        }
    }

    @Test
    void shouldThrowOnlyConfException_whenFedRandomBytes() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 4_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            parseExpectingNoCrash(new String(bytes, StandardCharsets.UTF_8));
            for (int b = 0; b < bytes.length; b++) {
                bytes[b] = (byte) (0x20 + random.nextInt(0x5f));
            }
            parseExpectingNoCrash(new String(bytes, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void shouldThrowOnlyConfException_whenReferenceFilesAreMutated() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ReferenceCorpusTest.CORPUS)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".conf")).toList()) {
                texts.add(Files.readString(p));
            }
        }
        assertThat(texts).as("reference corpus at %s", ReferenceCorpusTest.CORPUS.toAbsolutePath()).isNotEmpty();
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder(texts.get(random.nextInt(texts.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && !sb.isEmpty(); e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, PIECES[random.nextInt(PIECES.length)]);
                    default -> sb.setLength(at);
                }
            }
            parseExpectingNoCrash(sb.toString());
        }
    }

    @Test
    void shouldRefuseDeepNesting_whenDeeperThanTheLimit() throws ConfException {
        String deep = "a = " + "[".repeat(ConfLexer.MAX_NESTING + 1);
        ConfException e = (ConfException) org.assertj.core.api.Assertions.catchThrowable(
                () -> new ConfParser(ENV::get).parseString(deep));
        assertThat(e.reason()).contains("nesting");
        String fine = "a = " + "[".repeat(ConfLexer.MAX_NESTING - 1) + "]".repeat(ConfLexer.MAX_NESTING - 1);
        Object tree = new ConfParser(ENV::get).parseString(fine).plain();
        assertThat(ConfTreeDump.dump(tree)).startsWith("{\"a\":[[[").endsWith("]]]}");
    }

    private void parseExpectingNoCrash(String text) {
        try {
            new ConfParser(ENV::get).parseString(text, "fuzz.conf", base);
        } catch (ConfException expected) {
            String message = expected.getMessage();
            if (!message.startsWith("fuzz.conf") || message.contains("\n")) {
                fail("error without position or on several lines: " + message);
            }
        } catch (RuntimeException | StackOverflowError e) {
            fail("parser threw " + e + " for input " + ConfException.snippet(text), e);
        }
    }
}
