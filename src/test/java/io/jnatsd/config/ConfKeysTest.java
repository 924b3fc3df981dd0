package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    @Test
    void shouldKnowEveryBlockKey_whenTheReferenceFoundTheCorpusFileValid() throws Exception {
        List<String> unknown = new ArrayList<>();
        int blocks = 0;
        for (String line : corpusLines()) {
            String[] cols = line.split("\t", -1);
            if (cols[2].equals("valid")) {
                ConfValue root = new ConfParser().parseFile(ReferenceCorpusTest.CORPUS.resolve(cols[0]));
                blocks += checkBlocks(root.asMap(), unknown);
            }
        }
        assertThat(unknown).isEmpty();
        assertThat(blocks).isGreaterThan(80);
    }

    @Test
    void shouldReportUnknownBlockKeys_unlessUsedAsVariables_exceptInTls() throws ConfException {
        ConfValue root = new ConfParser(n -> null).parseString(
                "cluster { port = 1, colour = red, X = 2, pool_size = $X }\ntls { Y = 1, timeout = $Y }\n");
        assertThat(ConfKeys.unknownKeys(root.asMap().get("cluster"), ConfKeys.CLUSTER, "cluster"))
                .extracting(Throwable::getMessage).containsExactly("<string>:1:21: unknown field \"colour\" in cluster"
                        + " (at 'colour')");
        assertThat(ConfKeys.unknownKeys(root.asMap().get("tls"), ConfKeys.TLS, "tls"))
                .extracting(ConfException::offending).containsExactly("Y");
        assertThat(ConfKeys.JETSTREAM).contains("store_dir", "max_mem", "max_file_store", "domain");
        assertThat(ConfKeys.LEAF_REMOTE).contains("url", "urls", "credentials", "account", "hub");
        assertThat(ConfKeys.TLS).contains("cert_file", "key_file", "ca_file", "verify", "timeout");
    }

    /** Checks the blocks of one parsed file against their key sets; returns how many blocks were checked. */
    private static int checkBlocks(Map<String, ConfValue> root, List<String> unknown) throws ConfException {
        int checked = 0;
        for (Map.Entry<String, ConfValue> e : root.entrySet()) {
            String key = e.getKey().toLowerCase(java.util.Locale.ROOT);
            ConfValue v = e.getValue();
            if (!v.isMap()) {
                continue;
            }
            Set<String> known = switch (key) {
                case "cluster" -> ConfKeys.CLUSTER;
                case "gateway" -> ConfKeys.GATEWAY;
                case "leafnodes", "leaf" -> ConfKeys.LEAFNODES;
                case "authorization" -> ConfKeys.AUTHORIZATION;
                case "tls" -> ConfKeys.TLS;
                case "websocket", "ws" -> ConfKeys.WEBSOCKET;
                case "mqtt" -> ConfKeys.MQTT;
                case "jetstream" -> ConfKeys.JETSTREAM;
                default -> null;
            };
            if (known != null) {
                checked++;
                ConfKeys.unknownKeys(v, known, key).forEach(x -> unknown.add(x.getMessage()));
                checked += checkNested(v.asMap(), unknown);
            }
            if (key.equals("accounts")) {
                for (ConfValue account : v.asMap().values()) {
                    if (account.isMap()) {
                        checked++;
                        ConfKeys.unknownKeys(account, ConfKeys.ACCOUNT, "account").forEach(x -> unknown.add(x.getMessage()));
                        checked += checkNested(account.asMap(), unknown);
                    }
                }
            }
        }
        return checked;
    }

    private static int checkNested(Map<String, ConfValue> block, List<String> unknown) throws ConfException {
        int checked = 0;
        for (Map.Entry<String, ConfValue> e : block.entrySet()) {
            String key = e.getKey().toLowerCase(java.util.Locale.ROOT);
            ConfValue v = e.getValue();
            if (v.isMap() && (key.equals("tls") || key.equals("authorization"))) {
                checked++;
                Set<String> known = key.equals("tls") ? ConfKeys.TLS : ConfKeys.AUTHORIZATION;
                ConfKeys.unknownKeys(v, known, key).forEach(x -> unknown.add(x.getMessage()));
                checked += checkNested(v.asMap(), unknown);
            }
            if (v.isList() && (key.equals("users") || key.equals("remotes") || key.equals("gateways"))) {
                Set<String> known = switch (key) {
                    case "users" -> ConfKeys.USER;
                    case "remotes" -> ConfKeys.LEAF_REMOTE;
                    default -> ConfKeys.GATEWAY_REMOTE;
                };
                for (ConfValue entry : v.asList()) {
                    if (entry.isMap()) {
                        checked++;
                        ConfKeys.unknownKeys(entry, known, key).forEach(x -> unknown.add(x.getMessage()));
                        checked += checkNested(entry.asMap(), unknown);
                    }
                }
            }
            if (v.isMap() && (key.equals("permissions") || key.equals("default_permissions"))) {
                checked++;
                ConfKeys.unknownKeys(v, ConfKeys.PERMISSIONS, key).forEach(x -> unknown.add(x.getMessage()));
            }
        }
        return checked;
    }

    private static List<String> corpusLines() throws IOException {
        try (InputStream in = ConfKeysTest.class.getResourceAsStream("reference-corpus.tsv")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
