package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class ConfKeysTest {

    @Test
    void shouldListEveryReferenceTopLevelOption_whenAskedByAnyCase() {
        assertThat(ConfKeys.TOP_LEVEL).hasSize(99).contains("listen", "net", "host", "port", "jetstream", "ws",
                "websocket", "mqtt", "leafnodes", "leaf", "gateway", "cluster", "accounts", "authorization",
                "system_account", "server_tags", "max_payload", "max_conn", "write_deadline", "proxies");
        assertThat(List.copyOf(ConfKeys.TOP_LEVEL)).isSorted();
        assertThat(ConfKeys.isTopLevel("PORT")).isTrue();
        assertThat(ConfKeys.isTopLevel("Max_Payload")).isTrue();
        assertThat(ConfKeys.isTopLevel("gateways")).isFalse();
        assertThat(ConfKeys.isTopLevel("monitoring_port")).isFalse();
    }

    @Test
    void shouldReportUnknownKeys_unlessUsedAsVariables() throws ConfException {
        ConfValue root = new ConfParser(n -> null).parseString("port = 1\nfoo = 2\nBAR = 3\nmax_payload = $BAR\n");
        List<ConfException> errors = ConfKeys.unknownTopLevelKeys(root);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).isEqualTo("<string>:2:1: unknown field \"foo\" (at 'foo')");
            assertThat(e.offending()).isEqualTo("foo");
        });
    }

    @Test
    void shouldFindNoUnknownTopLevelKey_whenTheReferenceFoundTheCorpusFileValid() throws Exception {
        List<String> checked = new ArrayList<>();
        for (String line : corpusLines()) {
            String[] cols = line.split("\t", -1);
            if (!cols[2].equals("valid")) {
                continue;
            }
            ConfValue root = new ConfParser().parseFile(ReferenceCorpusTest.CORPUS.resolve(cols[0]));
            assertThat(ConfKeys.unknownTopLevelKeys(root)).as(cols[0]).isEmpty();
            checked.add(cols[0]);
        }
        assertThat(checked).hasSizeGreaterThan(50);
    }

    @Test
    void shouldReportTheUnknownTopLevelKey_whenTheReferenceRefusedTheCorpusFileForIt() throws Exception {
        ConfValue gws = new ConfParser().parseFile(ReferenceCorpusTest.CORPUS.resolve("server/configs/gws.conf"));
        assertThat(ConfKeys.unknownTopLevelKeys(gws)).extracting(ConfException::offending).containsExactly("gateways");
        ConfValue b = new ConfParser().parseFile(
                ReferenceCorpusTest.CORPUS.resolve("server/configs/include_conf_check_b.conf"));
        assertThat(ConfKeys.unknownTopLevelKeys(b)).extracting(ConfException::offending)
                .containsExactly("monitoring_port");
        ConfValue a = new ConfParser().parseFile(
                ReferenceCorpusTest.CORPUS.resolve("server/configs/include_conf_check_a.conf"));
        assertThat(ConfKeys.unknownTopLevelKeys(a)).isEmpty();
    }

    private static List<String> corpusLines() throws IOException {
        try (InputStream in = ConfKeysTest.class.getResourceAsStream("reference-corpus.tsv")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
