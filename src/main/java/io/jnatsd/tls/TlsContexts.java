package io.jnatsd.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Twin of {@code GenTLSConfig} in {@code server/opts.go}: turns {@link TlsOptions} into a
 * server-side Netty {@link SslContext} on the JDK's TLS provider. Stateless.
 */
public final class TlsContexts {

    /** Who must show a certificate. */
    public enum Peer {
        /** Clients as the options say ({@code verify}). */
        AS_CONFIGURED,
        /** Nobody: the HTTPS monitor never asks for one, as the reference's monitor does not. */
        NO_CLIENT_CERT
    }

    private TlsContexts() {
    }

    /**
     * Builds the context, checking the options as the reference does at start.
     *
     * @throws IllegalArgumentException with the reference's text for what is wrong
     */
    public static SslContext build(TlsOptions o, Peer peer) {
        return build(o, peer, TlsContextHooks.NONE);
    }

    /**
     * Builds the context with what {@code hooks} add.
     *
     * @throws IllegalArgumentException with the reference's text for what is wrong
     */
    public static SslContext build(TlsOptions o, Peer peer, TlsContextHooks hooks) {
        if (o.certFile() == null && o.keyFile() != null) {
            throw new IllegalArgumentException("missing 'cert_file' in TLS configuration");
        }
        if (o.certFile() != null && o.keyFile() == null) {
            throw new IllegalArgumentException("missing 'key_file' in TLS configuration");
        }
        if (o.certFile() == null) {
            throw new IllegalArgumentException("missing 'cert_file' and 'key_file' in TLS configuration");
        }
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = hooks.chain(PemFiles.certificates(o.certFile()));
            key = PemFiles.privateKey(o.keyFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("error parsing X509 certificate/key pair: " + e.getMessage(), e);
        }
        o.cipherSuites().forEach(GoTlsNames::checkCipher);
        o.curvePreferences().forEach(GoTlsNames::checkCurve);
        GoTlsNames.checkMinVersion(o.minVersion());
        try {
            SslContextBuilder b = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols(GoTlsNames.protocols(o.minVersion()));
            if (!o.cipherSuites().isEmpty()) {
                List<String> ciphers = new ArrayList<>(GoTlsNames.TLS13_CIPHERS);
                o.cipherSuites().stream().filter(c -> !ciphers.contains(c)).forEach(ciphers::add);
                b.ciphers(ciphers);
            }
            if (hooks != TlsContextHooks.NONE && peer == Peer.AS_CONFIGURED && o.verify()) {
                b.trustManager(hooks.trust(StaplingContexts.trustManager(
                        o.caFile() == null ? null : caCertificates(o))));
            } else if (o.caFile() != null) {
                b.trustManager(caCertificates(o));
            }
            b.clientAuth(peer == Peer.AS_CONFIGURED && o.verify() ? ClientAuth.REQUIRE : ClientAuth.NONE);
            return hooks.stapling() ? StaplingContexts.build(b) : b.build();
        } catch (IOException e) {
            throw new IllegalArgumentException("error setting up TLS: " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] caCertificates(TlsOptions o) {
        try {
            return PemFiles.certificates(o.caFile()).toArray(X509Certificate[]::new);
        } catch (IOException e) {
            throw new IllegalArgumentException("failed to parse root ca certificate: " + e.getMessage(), e);
        }
    }
}
