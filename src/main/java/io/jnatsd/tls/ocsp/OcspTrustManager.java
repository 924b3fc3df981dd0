package io.jnatsd.tls.ocsp;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The client port's trust manager with OCSP peer verification (the reference's
 * {@code VerifyConnection} set by {@code plugClientTLSOCSPPeer}): the configured check first, then
 * {@link OcspPeerVerifier}; a chain that fails makes the handshake fail with "client not OCSP valid".
 * Thread-safe.
 */
final class OcspTrustManager extends X509ExtendedTrustManager {

    /** The reference's {@code MsgTLSClientRejectConnection}. */
    static final String REJECT = "client not OCSP valid";

    private final X509TrustManager base;
    private final OcspPeerVerifier verifier;

    OcspTrustManager(X509TrustManager base, OcspPeerVerifier verifier) {
        this.base = base;
        this.verifier = verifier;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (base instanceof X509ExtendedTrustManager x) {
            x.checkClientTrusted(chain, authType, engine);
        } else {
            base.checkClientTrusted(chain, authType);
        }
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        if (base instanceof X509ExtendedTrustManager x) {
            x.checkClientTrusted(chain, authType, socket);
        } else {
            base.checkClientTrusted(chain, authType);
        }
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        base.checkClientTrusted(chain, authType);
        check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (!verifier.valid(chain)) {
            throw new CertificateException(REJECT);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        base.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        base.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        base.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return base.getAcceptedIssuers();
    }
}
