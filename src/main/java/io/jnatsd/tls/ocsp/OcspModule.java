package io.jnatsd.tls.ocsp;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerModule;
import io.jnatsd.tls.ClientTls;
import io.jnatsd.tls.PemFiles;
import io.jnatsd.tls.TlsContextHooks;
import io.jnatsd.tls.TlsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * OCSP on the client port (twin of {@code enableOCSP}/{@code startOCSPMonitoring} in
 * {@code server/ocsp.go} and {@code initOCSPResponseCache} in {@code server/ocsp_responsecache.go}):
 * stapling of the server's certificate as the {@code ocsp} mode says, and the peer check of client
 * certificates ({@code tls { ocsp_peer }}) with its response cache. A {@link ServerModule}: it
 * installs its {@link TlsContextHooks} before the port opens, and a failed start-up check refuses
 * the start with the reference's error.
 *
 * <p>Thread-safe: {@link #start} and {@link #stop} are called once each by the server.
 */
public final class OcspModule implements ServerModule {

    private static final Logger LOG = LoggerFactory.getLogger(OcspModule.class);
    /** The reference's {@code ErrMTLSRequired}. */
    static final String MTLS_REQUIRED =
            "OCSP peer verification for client connections requires TLS verify (mTLS) to be enabled";

    private StapleMonitor monitor;
    private OcspResponseCache cache;
    private ExecutorService handshakes;

    @Override
    public boolean start(NatsServer server) {
        ServerOptions options = server.options();
        ClientTls tls = server.clientTls();
        OcspOptions ocsp = options.ocsp();
        if (tls == null) {
            return false;
        }
        TlsOptions t = tls.options();
        List<X509Certificate> chain = read(t.certFile());
        List<X509Certificate> trusted = t.caFile() == null ? List.of() : read(t.caFile());
        OcspPeerVerifier verifier = null;
        if (ocsp.peerVerify()) {
            if (!t.verify()) {
                throw new IllegalStateException(MTLS_REQUIRED);
            }
            cache = OcspResponseCache.of(ocsp.cacheOrDefault());
            cache.start();
            LOG.info("OCSP peer cache online, type [{}]", cache.type());
            verifier = new OcspPeerVerifier(ocsp.peer(), cache, trusted, Clock.systemUTC());
            handshakes = Executors.newCachedThreadPool(r -> {
                Thread th = new Thread(r, "jnatsd-ocsp-peer");
                th.setDaemon(true);
                return th;
            });
        }
        try {
            monitor = stapling(server, ocsp, t, chain, trusted);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        if (monitor == null && verifier == null) {
            return false;
        }
        tls.installHooks(new Hooks(monitor, verifier, handshakes));
        if (monitor != null) {
            StapleResponder.register(monitor);
            LOG.info("OCSP Stapling enabled for client connections");
            monitor.start();
        }
        return true;
    }

    /** The reference's {@code NewOCSPMonitor} for the client port: a monitor, or null when the mode says none. */
    private static StapleMonitor stapling(NatsServer server, OcspOptions ocsp, TlsOptions t,
                                          List<X509Certificate> chain, List<X509Certificate> trusted) {
        X509Certificate leaf = chain.getFirst();
        boolean mustStaple = OcspCerts.mustStaple(leaf);
        boolean shutdownOnRevoke = false;
        switch (ocsp.mode()) {
            case NEVER -> {
                if (mustStaple) {
                    LOG.warn("Certificate at '{}' has MustStaple but OCSP is disabled", t.certFile());
                }
                return null;
            }
            case ALWAYS -> {
                mustStaple = true;
                shutdownOnRevoke = true;
            }
            case MUST -> shutdownOnRevoke = mustStaple;
            default -> {
            }
        }
        if (!mustStaple) {
            return null;
        }
        X509Certificate issuer = issuer(chain, trusted);
        Path storeDir = server.options().storeDir();
        StapleMonitor m = new StapleMonitor(leaf, issuer, t.certFile().toString(), ocsp.overrideUrls(), storeDir,
                shutdownOnRevoke, server::shutdown, Clock.systemUTC());
        m.checkAtStart();
        return m;
    }

    /** The reference's {@code getOCSPIssuer}: the chain's second certificate, else a CA of ca_file that signed. */
    static X509Certificate issuer(List<X509Certificate> chain, List<X509Certificate> trusted) {
        X509Certificate leaf = chain.getFirst();
        X509Certificate issuer;
        if (chain.size() > 1) {
            issuer = chain.get(1);
            if (!OcspCerts.signedBy(leaf, issuer)) {
                throw new IllegalStateException("invalid issuer configuration: the second certificate of the "
                        + "chain did not sign the first");
            }
        } else {
            issuer = trusted.stream().filter(ca -> OcspCerts.signedBy(leaf, ca)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no issuers found"));
        }
        if (issuer.getBasicConstraints() < 0) {
            throw new IllegalStateException(OcspCerts.subject(issuer) + " invalid ca basic constraints: is not ca");
        }
        return issuer;
    }

    private static List<X509Certificate> read(Path file) {
        try {
            return PemFiles.certificates(file);
        } catch (IOException e) {
            throw new IllegalStateException("failed to parse cert: " + e.getMessage(), e);
        }
    }

    /** The first staple, or null (tests). */
    byte[] staple() {
        StapleMonitor m = monitor;
        return m == null ? null : m.stapleBytes();
    }

    @Override
    public synchronized void stop() {
        if (monitor != null) {
            monitor.stop();
            StapleResponder.unregister(monitor);
            monitor = null;
        }
        if (cache != null) {
            cache.stop();
            cache = null;
        }
        if (handshakes != null) {
            handshakes.shutdownNow();
            handshakes = null;
        }
    }

    /** What OCSP adds to the client port's TLS. */
    private record Hooks(StapleMonitor monitor, OcspPeerVerifier verifier, Executor executor)
            implements TlsContextHooks {

        @Override
        public List<X509Certificate> chain(List<X509Certificate> configured) {
            if (monitor == null || configured.size() > 1 || !configured.getFirst().equals(monitor.leaf())) {
                return configured;
            }
            List<X509Certificate> out = new ArrayList<>(configured);
            out.add(monitor.issuer());
            return out;
        }

        @Override
        public boolean stapling() {
            return monitor != null;
        }

        @Override
        public X509TrustManager trust(X509TrustManager configured) {
            return verifier == null ? configured : new OcspTrustManager(configured, verifier);
        }

        @Override
        public Executor handshakeExecutor() {
            return executor;
        }
    }
}
