package io.jnatsd.config;

import io.jnatsd.auth.callout.AuthCalloutOptions;
import io.nats.client.NKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code authorization { auth_callout {} }}, read and checked as {@code parseAuthCallout} does. */
class AuthCalloutReaderTest {

    private static String issuer;

    @BeforeAll
    static void keys() throws Exception {
        issuer = new String(NKey.createAccount(null).getPublicKey());
    }

    private static ServerOptions read(String conf) throws ConfException {
        ServerOptions.Builder b = ServerOptions.builder();
        new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        return b.build();
    }

    @Test
    void shouldReadEveryField_whenBlockIsComplete() throws Exception {
        ServerOptions o = read("""
                accounts { AUTH { users: [{user: auth, password: pwd}] }, APP {} }
                authorization { auth_callout { issuer: %s, auth_users: [auth], account: AUTH,
                  xkey: XAB3NANV3M6N7AHSQP2U5FRWKKUT7EG2ZXXABV4XVXYQRJGM4S2CZGHT, allowed_accounts: [APP] } }
                """.formatted(issuer));
        assertThat(o.authCallout()).isEqualTo(new AuthCalloutOptions(issuer, "AUTH", java.util.List.of("auth"),
                "XAB3NANV3M6N7AHSQP2U5FRWKKUT7EG2ZXXABV4XVXYQRJGM4S2CZGHT", java.util.List.of("APP")));
    }

    @Test
    void shouldDefaultToGlobalAccount_whenAccountIsMissing() throws Exception {
        ServerOptions o = read("authorization { users: [{user: a, password: b}], auth_callout { issuer: " + issuer
                + ", users: [a] } }\n");
        assertThat(o.authCallout().account()).isEqualTo("$G");
        assertThat(read("port: 4222\n").authCallout()).isNull();
    }

    @Test
    void shouldRefuseWhatTheReferenceRefuses() {
        assertThatThrownBy(() -> read("authorization { auth_callout { issuer: UABC, auth_users: [a] } }\n"))
                .hasMessageContaining("Expected callout user to be a valid public account nkey, got \"UABC\"");
        assertThatThrownBy(() -> read("authorization { auth_callout { auth_users: [a] } }\n"))
                .hasMessageContaining("Authorization callouts require an issuer to be specified");
        assertThatThrownBy(() -> read("authorization { auth_callout { issuer: " + issuer + " } }\n"))
                .hasMessageContaining("Authorization callouts require authorized users to be specified");
        assertThatThrownBy(() -> read("authorization { auth_callout { issuer: " + issuer
                + ", auth_users: [a], xkey: XBAD } }\n"))
                .hasMessageContaining("Expected callout xkey to be a valid public xkey, got \"XBAD\"");
        assertThatThrownBy(() -> read("authorization { auth_callout { issuer: " + issuer
                + ", auth_users: [a], bogus: 1 } }\n"))
                .hasMessageContaining("Unknown field \"bogus\" parsing authorization callout");
        assertThatThrownBy(() -> read("authorization { auth_callout { issuer: " + issuer
                + ", auth_users: [a], allowed_accounts: [NOPE] } }\n"))
                .hasMessageContaining("auth_callout allowed account \"NOPE\" not found in configured accounts");
        assertThatThrownBy(() -> read("cluster { port: -1, authorization { user: a, password: b, auth_callout { issuer: "
                + issuer + ", auth_users: [a] } } }\n"))
                .hasMessageContaining("Cluster authorization does not support callouts");
    }
}
