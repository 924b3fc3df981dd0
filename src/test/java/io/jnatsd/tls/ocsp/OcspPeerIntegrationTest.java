package io.jnatsd.tls.ocsp;

import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import io.jnatsd.tls.TlsOptions;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tls { verify: true, ocsp_peer {...} }} over the wire with the official client: client
 * certificates are checked against the in-test OCSP responder of their AIA; good ones connect,
 * revoked and unknown ones are refused in the handshake, and the options and the cache change
 * that as the reference's do.
 */
@Timeout(120)
class OcspPeerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Generous: a cold TLS handshake on a loaded 2-core machine takes seconds. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static OcspTestPki pki;
    static TlsOptions serverTls;

    @TempDir
    Path cacheDir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void makePki() throws Exception {
        pki = new OcspTestPki();
        Path[] server = OcspTestPki.write(dir, "server", pki.issueServer(false));
        serverTls = TlsOptions.of(server[0], server[1]).withCaFile(pki.writeCa(dir)).withVerify(true)
                .withTimeout(HANDSHAKE_TIMEOUT);
        OcspTestPki.Issued warmUp = pki.issueClient("warm-up");
        OcspFetcher.fetch(List.of(pki.url()), OcspFetcher.request(warmUp.certificate(), pki.ca()), HANDSHAKE_TIMEOUT);
    }

    @AfterAll
    static void stopResponder() {
        pki.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        pki.setUp(true);
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

    private NatsServer start(OcspPeerConfig peer, OcspCacheConfig cache) {
        NatsServer s = TestServers.start(b -> b.tls(serverTls).ocsp(new OcspOptions(null, null, peer, cache)));
        toClose.add(s);
        return s;
    }

    private OcspCacheConfig noCache() {
        return new OcspCacheConfig(false, cacheDir, false, Duration.ofMinutes(5));
    }

    private static OcspPeerConfig peer(boolean warnOnly, boolean unknownIsGood, boolean allowUnreachable) {
        OcspPeerConfig d = OcspPeerConfig.defaults(true);
        return new OcspPeerConfig(true, Duration.ofSeconds(5), d.allowedClockSkew(), d.ttlWhenNextUpdateUnset(),
                warnOnly, unknownIsGood, allowUnreachable);
    }

    private Connection connect(NatsServer server, OcspTestPki.Issued cert) throws Exception {
        Options o = TestServers.clientOptions(server).sslContext(pki.clientContext(cert))
                .connectionTimeout(HANDSHAKE_TIMEOUT).build();
        Connection nc = Nats.connect(o);
        toClose.add(nc);
        return nc;
    }

    private void assertRefused(NatsServer server, OcspTestPki.Issued cert) {
        assertThatThrownBy(() -> connect(server, cert)).isInstanceOf(Exception.class);
    }

    private static void assertRoundTrip(Connection nc) throws Exception {
        Subscription sub = nc.subscribe("ocsp.test");
        nc.publish("ocsp.test", "ok".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(WAIT);
        assertThat(m).isNotNull();
    }

    @Test
    void shouldAcceptClient_whenItsCertificateIsGood() throws Exception {
        NatsServer server = start(peer(false, false, false), noCache());
        OcspTestPki.Issued alice = pki.issueClient("alice");
        int before = pki.requests();
        assertRoundTrip(connect(server, alice));
        assertThat(pki.requests()).isGreaterThan(before);
    }

    @Test
    void shouldRefuseClient_whenItsCertificateIsRevoked() throws Exception {
        NatsServer server = start(peer(false, false, false), noCache());
        OcspTestPki.Issued bob = pki.issueClient("bob");
        pki.setStatus(bob, OcspTestPki.Status.REVOKED);
        assertRefused(server, bob);
        assertRoundTrip(connect(server, pki.issueClient("carol")));
    }

    @Test
    void shouldRefuseUnknown_unlessUnknownIsGood() throws Exception {
        OcspTestPki.Issued dave = pki.issueClient("dave");
        pki.setStatus(dave, OcspTestPki.Status.UNKNOWN);
        NatsServer strict = start(peer(false, false, false), noCache());
        assertRefused(strict, dave);
        NatsServer lenient = start(peer(false, true, false), noCache());
        assertRoundTrip(connect(lenient, dave));
    }

    @Test
    void shouldAcceptRevoked_whenWarnOnly() throws Exception {
        OcspTestPki.Issued erin = pki.issueClient("erin");
        pki.setStatus(erin, OcspTestPki.Status.REVOKED);
        NatsServer server = start(peer(true, false, false), noCache());
        assertRoundTrip(connect(server, erin));
    }

    @Test
    void shouldRefuse_whenResponderIsDown_unlessAllowWhenCaUnreachable() throws Exception {
        OcspTestPki.Issued frank = pki.issueClient("frank");
        NatsServer strict = start(peer(false, false, false), noCache());
        NatsServer lenient = start(peer(false, false, true), noCache());
        pki.setUp(false);
        assertRefused(strict, frank);
        assertRoundTrip(connect(lenient, frank));
    }

    @Test
    void shouldAcceptClient_whenItsCertificateHasNoResponder() throws Exception {
        NatsServer server = start(peer(false, false, false), noCache());
        pki.setUp(false);
        assertRoundTrip(connect(server, pki.issueWithoutAia("grace")));
    }

    @Test
    void shouldAnswerFromCache_whenResponderGoesDownAfterFirstCheck() throws Exception {
        OcspCacheConfig local = new OcspCacheConfig(true, cacheDir, false, Duration.ofMinutes(5));
        NatsServer server = start(peer(false, false, false), local);
        OcspTestPki.Issued heidi = pki.issueClient("heidi");
        connect(server, heidi).close();
        pki.setUp(false);
        assertRoundTrip(connect(server, heidi));
    }

    @Test
    void shouldKeepRevocationAcrossRestart_whenCacheIsLocalAndPreservesRevoked() throws Exception {
        OcspCacheConfig local = new OcspCacheConfig(true, cacheDir, true, Duration.ofMinutes(5));
        OcspTestPki.Issued ivan = pki.issueClient("ivan");
        pki.setStatus(ivan, OcspTestPki.Status.REVOKED);
        NatsServer first = start(peer(false, false, true), local);
        assertRefused(first, ivan);
        first.shutdown();
        first.awaitShutdown(5, TimeUnit.SECONDS);
        assertThat(cacheDir.resolve("cache.json")).exists();
        assertThat(Files.readString(cacheDir.resolve("cache.json"))).contains("\"resp_status\" : \"revoked\"")
                .contains("CN=ivan");

        pki.setUp(false);
        NatsServer second = start(peer(false, false, true), local);
        assertRefused(second, ivan);
        assertRoundTrip(connect(second, pki.issueClient("judy")));
    }

    @Test
    void shouldRefuseStart_whenOcspPeerIsOnWithoutVerify() {
        TlsOptions noVerify = serverTls.withVerify(false);
        assertThatThrownBy(() -> toClose.add(TestServers.start(b -> b.tls(noVerify)
                .ocsp(new OcspOptions(null, null, OcspPeerConfig.defaults(true), noCache())))))
                .hasMessageContaining("OCSP peer verification for client connections requires TLS verify (mTLS) "
                        + "to be enabled");
    }
}
