package io.jnatsd.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Twin of {@code getTLSConfig} in {@code server/opts.go} and of the two sides of {@code doTLSHandshake} in
 * {@code server/client.go} for links between servers (routes): a server both accepts and dials, so one
 * {@code tls {}} block gives a server context that always requires and verifies the peer's certificate (the
 * reference forces {@code RequireAndVerifyClientCert} for clusters) and a client context that shows the same
 * certificate and verifies the peer's against the same {@code ca_file} and the name dialled, unless
 * {@code insecure} is set.
 *
 * <p>Immutable and thread-safe.
 */
public final class PeerTls {

    private final TlsOptions options;
    private final SslContext acceptContext;
    private final SslContext dialContext;

    private PeerTls(TlsOptions options, SslContext acceptContext, SslContext dialContext) {
        this.options = options;
        this.acceptContext = acceptContext;
        this.dialContext = dialContext;
    }

    /**
     * Builds both contexts, checking the options as the reference does at start.
     *
     * @throws IllegalArgumentException with the reference's text for what is wrong
     */
    public static PeerTls of(TlsOptions options) {
        SslContext accept = TlsContexts.build(options.withVerify(true), TlsContexts.Peer.AS_CONFIGURED);
        return new PeerTls(options, accept, dialContext(options));
    }

    private static SslContext dialContext(TlsOptions o) {
        try {
            List<X509Certificate> chain = PemFiles.certificates(o.certFile());
            PrivateKey key = PemFiles.privateKey(o.keyFile());
            SslContextBuilder b = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .keyManager(key, chain.toArray(X509Certificate[]::new))
                    .protocols(GoTlsNames.protocols(o.minVersion()));
            if (!o.cipherSuites().isEmpty()) {
                List<String> ciphers = new ArrayList<>(GoTlsNames.TLS13_CIPHERS);
                o.cipherSuites().stream().filter(c -> !ciphers.contains(c)).forEach(ciphers::add);
                b.ciphers(ciphers);
            }
            if (o.insecure()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                if (o.caFile() != null) {
                    b.trustManager(PemFiles.certificates(o.caFile()).toArray(X509Certificate[]::new));
                }
                b.endpointIdentificationAlgorithm("HTTPS");
            }
            return b.build();
        } catch (IOException e) {
            throw new IllegalArgumentException("error setting up TLS: " + e.getMessage(), e);
        }
    }

    /** The options of the block. */
    public TlsOptions options() {
        return options;
    }

    /** Whether dialled peers' certificates go unchecked ({@code insecure}); the reference warns about it. */
    public boolean insecure() {
        return options.insecure();
    }

    /** The server side of the handshake, for an accepted connection; the peer must show a certificate. */
    public SslHandler acceptHandler(ByteBufAllocator alloc) {
        return tuned(acceptContext.newHandler(alloc));
    }

    /**
     * The client side of the handshake, for a connection this server dialled.
     *
     * @param serverName the name the peer's certificate must carry (the host dialled, or a saved host name)
     */
    public SslHandler dialHandler(ByteBufAllocator alloc, String serverName, int port) {
        return tuned(dialContext.newHandler(alloc, serverName, port));
    }

    private SslHandler tuned(SslHandler handler) {
        handler.setHandshakeTimeoutMillis(options.timeout().toMillis());
        List<String> curves = options.curvePreferences();
        if (!curves.isEmpty()) {
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setNamedGroups(curves.stream().map(GoTlsNames.CURVES::get).toArray(String[]::new));
            engine.setSSLParameters(params);
        }
        return handler;
    }
}
