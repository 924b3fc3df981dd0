package io.jnatsd.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.jwt.ResolverOptions;
import io.jnatsd.auth.jwt.TrustOptions;
import io.jnatsd.testing.TestJwts;
import io.nats.client.NKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** operator, trusted, resolver and resolver_preload, read and checked as the reference does. */
class TrustOptionsReaderTest {

    private static ServerOptions read(String conf) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        return b.build();
    }

    @Test
    void shouldReadOperatorAndPreload_whenMemoryResolver(@TempDir Path dir) throws Exception {
        NKey operator = NKey.createOperator(null);
        NKey account = NKey.createAccount(null);
        String accountKey = new String(account.getPublicKey());
        Path file = dir.resolve("op.jwt");
        Files.writeString(file, "-----BEGIN NATS OPERATOR JWT-----\n" + TestJwts.operator(operator)
                + "\n------END NATS OPERATOR JWT------\n");
        TrustOptions t = read("operator: \"" + file + "\"\nresolver: MEMORY\nresolver_preload: { "
                + accountKey + ": \"" + TestJwts.account(operator, account, TestJwts.nats()) + "\" }\n").trust();
        assertThat(t.enabled()).isTrue();
        assertThat(t.operatorJwts()).hasSize(1);
        assertThat(t.preload()).containsKey(accountKey);
        TrustOptions inline = read("operator: " + TestJwts.operator(operator) + "\nresolver: MEMORY\n").trust();
        assertThat(inline.operatorJwts()).hasSize(1);
    }

    @Test
    void shouldRefuse_whenConfigurationBreaksReferenceRules() throws Exception {
        String op = TestJwts.operator(NKey.createOperator(null));
        assertThatThrownBy(() -> read("operator: " + op + "\n"))
                .hasMessageContaining("operators require an account resolver to be configured");
        assertThatThrownBy(() -> read("operator: " + op + "\nresolver: MEMORY\nauthorization { users: [{user: a,"
                + " password: b}] }\n")).hasMessageContaining("operators do not allow users to be configured directly");
        assertThatThrownBy(() -> read("operator: " + op + "\nresolver: \"URL()\"\n"))
                .hasMessageContaining("error parsing account resolver url [\"\"]");
        assertThatThrownBy(() -> read("operator: " + op + "\nresolver: { type: full }\n"))
                .hasMessageContaining("dir has no value and needs to point to a directory");
        assertThatThrownBy(() -> read("operator: " + op + "\nresolver: { type: full, dir: x, ttl: \"1m\" }\n"))
                .hasMessageContaining("FULL does not accept ttl");
        assertThatThrownBy(() -> read("operator: " + op + "\nresolver: { type: cache, dir: x, allow_delete: true }\n"))
                .hasMessageContaining("CACHE does not accept allow_delete");
        assertThatThrownBy(() -> read("operator: " + op + "\nresolver: { type: full, dir: x, hard_delete: true }\n"))
                .hasMessageContaining("hard_delete has no effect without delete");
        assertThatThrownBy(() -> read("operator: " + op + "\nresolver: { type: other, dir: x }\n"))
                .hasMessageContaining("error parsing account resolver, should be MEM or");
        assertThatThrownBy(() -> read("operator: eyJhbGciOiJub25lIn0.e30.c2ln\nresolver: MEMORY\n"))
                .hasMessageContaining("error parsing operator JWT");
        assertThatThrownBy(() -> read("trusted: [NOTAKEY]\n")).hasMessageContaining("not valid operator keys");
    }

    @Test
    void shouldReadDirAndUrlResolvers_whenWrittenAsTheReferenceReadsThem(@TempDir Path dir) throws Exception {
        String op = TestJwts.operator(NKey.createOperator(null));
        ResolverOptions full = read("operator: " + op + "\nresolver: { type: full, dir: \"" + dir + "\","
                + " allow_delete: true, hard_delete: true, limit: 10, interval: \"2m\", timeout: \"3s\" }\n")
                .trust().resolver();
        assertThat(full.type()).isEqualTo(ResolverOptions.Type.FULL);
        assertThat(full.dir()).isEqualTo(dir.toString());
        assertThat(full.allowDelete()).isTrue();
        assertThat(full.hardDelete()).isTrue();
        assertThat(full.limit()).isEqualTo(10);
        assertThat(full.syncInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(full.fetchTimeout()).isEqualTo(Duration.ofSeconds(3));
        ResolverOptions cache = read("operator: " + op + "\nresolver: { type: CACHE, dir: \"" + dir + "\","
                + " ttl: \"1h\", limit: 5 }\n").trust().resolver();
        assertThat(cache.type()).isEqualTo(ResolverOptions.Type.CACHE);
        assertThat(cache.ttl()).isEqualTo(Duration.ofHours(1));
        ResolverOptions url = read("operator: " + op + "\nresolver: URL(http://127.0.0.1:9090/jwt/v1/accounts/)\n")
                .trust().resolver();
        assertThat(url.type()).isEqualTo(ResolverOptions.Type.URL);
        assertThat(url.url()).isEqualTo("http://127.0.0.1:9090/jwt/v1/accounts/");
        assertThat(read("operator: " + op + "\nresolver: MEM\n").trust().resolver().type())
                .isEqualTo(ResolverOptions.Type.MEMORY);
    }

    @Test
    void shouldTakeSystemAccount_whenOperatorNamesItOrConfigSetsAKey() throws Exception {
        NKey operator = NKey.createOperator(null);
        String sysKey = new String(NKey.createAccount(null).getPublicKey());
        ObjectNode nats = TestJwts.nats();
        nats.put("system_account", sysKey);
        String op = TestJwts.issue(operator, new String(operator.getPublicKey()), "operator", nats, 0);
        assertThat(read("operator: " + op + "\nresolver: MEMORY\n").accounts().systemAccountName()).isEqualTo(sysKey);
        String other = new String(NKey.createAccount(null).getPublicKey());
        assertThat(read("operator: " + op + "\nresolver: MEMORY\nsystem_account: " + other + "\n").accounts()
                .systemAccountName()).isEqualTo(other);
    }
}
