package io.jnatsd.config;

import io.jnatsd.auth.jwt.TrustOptions;
import io.jnatsd.testing.TestJwts;
import io.nats.client.NKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
        assertThatThrownBy(() -> read("operator: " + op + "\nresolver: \"URL(http://localhost:9090/jwt/v1/accounts/)\"\n"))
                .hasMessageContaining("an account resolver other than MEMORY is not supported");
        assertThatThrownBy(() -> read("operator: eyJhbGciOiJub25lIn0.e30.c2ln\nresolver: MEMORY\n"))
                .hasMessageContaining("error parsing operator JWT");
        assertThatThrownBy(() -> read("trusted: [NOTAKEY]\n")).hasMessageContaining("not valid operator keys");
    }
}
