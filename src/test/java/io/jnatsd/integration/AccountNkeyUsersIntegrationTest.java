package io.jnatsd.integration;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.ConfTestServers;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * NKey users inside {@code accounts { A { users [ {nkey: U...} ] } }}: they sign the nonce as
 * top-level nkey users do, land in their account with their permissions, and stay apart from
 * other accounts.
 */
@Timeout(60)
class AccountNkeyUsersIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

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

    private static AuthHandler nkeyAuth(NKey key) {
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

    private Connection connect(NatsServer server, Options.Builder o) throws Exception {
        return keep(Nats.connect(o.build()));
    }

    @Test
    void shouldBindNkeyUserToItsAccount_whenItSignsTheNonce() throws Exception {
        NKey alice = NKey.createUser(null);
        NKey limited = NKey.createUser(null);
        NatsServer server = keep(ConfTestServers.start("accounts {\n"
                + "  A { users [ {nkey: " + new String(alice.getPublicKey()) + "},\n"
                + "              {nkey: " + new String(limited.getPublicKey()) + ", permissions: { publish: \"ok.>\" }},\n"
                + "              {user: a2, password: p} ] }\n"
                + "  B { users [ {user: b, password: p} ] }\n"
                + "}\n"));
        Connection a = connect(server, TestServers.clientOptions(server).authHandler(nkeyAuth(alice)));
        Connection a2 = connect(server, TestServers.clientOptions(server).userInfo("a2", "p"));
        Connection b = connect(server, TestServers.clientOptions(server).userInfo("b", "p"));
        Subscription inA = a2.subscribe("news");
        Subscription inB = b.subscribe("news");
        a2.flush(WAIT);
        b.flush(WAIT);
        a.publish("news", "hi".getBytes(StandardCharsets.UTF_8));
        Message m = inA.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(inB.nextMessage(Duration.ofMillis(300))).isNull();
        Connection l = connect(server, TestServers.clientOptions(server).authHandler(nkeyAuth(limited)));
        l.publish("ok.1", new byte[0]);
        l.publish("news", new byte[0]);
        l.flush(WAIT);
        assertThat(inA.nextMessage(Duration.ofMillis(300))).isNull();
    }

    @Test
    void shouldRefuseNkeyUser_whenKeyIsNotListed() throws Exception {
        NKey alice = NKey.createUser(null);
        NatsServer server = keep(ConfTestServers.start("accounts { A { users [ {nkey: "
                + new String(alice.getPublicKey()) + "} ] } }\n"));
        Options o = TestServers.clientOptions(server).authHandler(nkeyAuth(NKey.createUser(null))).build();
        assertThatThrownBy(() -> keep(Nats.connect(o))).hasMessageContaining("Authorization Violation");
    }
}
