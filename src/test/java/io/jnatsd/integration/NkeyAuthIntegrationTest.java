package io.jnatsd.integration;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.RawNatsSocket;
import io.jnatsd.testing.TestServers;
import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nkey users over the wire: INFO carries a nonce, the official client signs it with its seed,
 * and a wrong key or a bad signature gets the reference's -ERR.
 */
@Timeout(30)
class NkeyAuthIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String VIOLATION = "-ERR 'Authorization Violation'";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            AutoCloseable c = toClose.get(i);
            if (c instanceof NatsServer s) {
                s.shutdown();
                s.awaitShutdown(5, TimeUnit.SECONDS);
            } else {
                c.close();
            }
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        toClose.add(c);
        return c;
    }

    private NatsServer start(NKey... users) throws Exception {
        List<AuthOptions.NkeyUser> nkeys = new ArrayList<>();
        for (NKey u : users) {
            nkeys.add(new AuthOptions.NkeyUser(new String(u.getPublicKey())));
        }
        return keep(TestServers.start(b -> b.auth(AuthOptions.NONE.withNkeys(nkeys))));
    }

    /** The official client's way in with a bare nkey: id and signature, no JWT. */
    static AuthHandler nkeyHandler(NKey key) {
        return new AuthHandler() {
            @Override
            public byte[] sign(byte[] nonce) {
                try {
                    return key.sign(nonce);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getID() {
                try {
                    return key.getPublicKey();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getJWT() {
                return null;
            }
        };
    }

    @Test
    void shouldLetClientIn_whenItSignsTheNonceWithAConfiguredNkey() throws Exception {
        NKey alice = NKey.createUser(null);
        NatsServer server = start(alice, NKey.createUser(null));
        Connection nc = keep(Nats.connect(TestServers.clientOptions(server).authHandler(nkeyHandler(alice)).build()));
        Subscription sub = nc.subscribe("nk");
        nc.publish("nk", "hi".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
    }

    @Test
    void shouldSendNonceInInfo_whenNkeyUsersAreConfigured() throws Exception {
        NatsServer server = start(NKey.createUser(null));
        RawNatsSocket raw = keep(RawNatsSocket.open(server.clientPort()));
        assertThat(raw.readInfoJson()).containsPattern("\"nonce\":\"[A-Za-z0-9_-]{15}\"")
                .contains("\"auth_required\":true");
    }

    @Test
    void shouldRefuseClient_whenItsNkeyIsNotConfigured() throws Exception {
        NatsServer server = start(NKey.createUser(null));
        Options o = TestServers.clientOptions(server).authHandler(nkeyHandler(NKey.createUser(null)))
                .connectionTimeout(Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> keep(Nats.connect(o))).hasMessageContaining("Authorization Violation");
    }

    @Test
    void shouldSendAuthorizationViolation_whenSignatureIsNotOfTheNonce() throws Exception {
        NKey alice = NKey.createUser(null);
        NatsServer server = start(alice);
        RawNatsSocket raw = keep(RawNatsSocket.open(server.clientPort()));
        raw.readInfoJson();
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(alice.sign("other".getBytes()));
        raw.send("CONNECT {\"verbose\":false,\"nkey\":\"" + new String(alice.getPublicKey()) + "\",\"sig\":\""
                + sig + "\"}\r\nPING\r\n");
        assertThat(raw.readLine()).isEqualTo(VIOLATION);
        raw.awaitClosedByServer(WAIT);
    }
}
