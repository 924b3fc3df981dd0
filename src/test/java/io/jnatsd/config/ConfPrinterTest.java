package io.jnatsd.config;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class ConfPrinterTest {

    private static final ConfParser PARSER = new ConfParser(name -> null);
    private static final long FIRST_YEAR_SECONDS = -62_167_219_200L;
    private static final long LAST_YEAR_SECONDS = 253_402_300_799L;

    @Property(tries = 300, seed = "20261127")
    void shouldReparseToTheSameTree_whenATreeIsPrinted(@ForAll("trees") Map<String, Object> tree) throws Exception {
        String text = ConfPrinter.print(tree);
        assertThat(PARSER.parseString(text).plain()).as(text).isEqualTo(tree);
    }

    @Test
    void shouldReparseEveryAcceptedCorpusFile_whenPrinted() throws Exception {
        int printed = 0;
        for (String line : corpusLines()) {
            String[] cols = line.split("\t", -1);
            if (!cols[1].equals("accept") || cols[3].startsWith("needs-include")) {
                continue;
            }
            Object tree = new ConfParser().parseFile(ReferenceCorpusTest.CORPUS.resolve(cols[0])).plain();
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) tree;
            assertThat(PARSER.parseString(ConfPrinter.print(map)).plain()).as(cols[0]).isEqualTo(tree);
            printed++;
        }
        assertThat(printed).isGreaterThan(100);
    }

    @Test
    void shouldWriteReadableText_whenPrintingNestedValues() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("port", 4222L);
        tree.put("cluster", Map.of("routes", List.of("nats://a:1")));
        tree.put("it's", "say \"hi\"\n");
        tree.put("at", Instant.parse("2016-05-04T18:53:41Z"));
        assertThat(ConfPrinter.print(tree)).isEqualTo("""
                "port" = 4222
                "cluster" = {
                  "routes" = [
                    "nats://a:1"
                  ]
                }
                "it's" = "say \\"hi\\"\\n"
                "at" = 2016-05-04T18:53:41Z
                """);
    }

    @Test
    void shouldRefuse_whenTheLanguageCannotExpressAValue() {
        assertThatThrownBy(() -> ConfPrinter.print(Map.of("a", Double.NaN))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfPrinter.print(Map.of("a", Instant.ofEpochMilli(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfPrinter.print(Map.of("'\"", 1L))).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<Map<String, Object>> trees() {
        return map(3);
    }

    private static Arbitrary<Map<String, Object>> map(int depth) {
        Arbitrary<String> keys = Arbitraries.strings().withChars("abcXYZ_-. \"'=:{}[]#/\\$\n\té").ofMaxLength(6)
                .filter(k -> k.indexOf('"') < 0 || k.indexOf('\'') < 0);
        return Arbitraries.maps(keys, value(depth)).ofMaxSize(4);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.strings().withChars("\"\\'$ \n{}[]#tru0123456789.k").ofMaxLength(8).map(s -> (Object) s),
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.longs().between(FIRST_YEAR_SECONDS, LAST_YEAR_SECONDS)
                        .map(s -> (Object) Instant.ofEpochSecond(s)));
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalar),
                Tuple.of(1, value(depth - 1).list().ofMaxSize(4).map(l -> (Object) l)),
                Tuple.of(1, map(depth - 1).map(m -> (Object) m)));
    }

    private static List<String> corpusLines() throws IOException {
        try (InputStream in = ConfPrinterTest.class.getResourceAsStream("reference-corpus.tsv")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
