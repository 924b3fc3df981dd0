package io.jnatsd.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * OCSP stapling on the JDK's TLS provider, which has no API to hand it a staple: a context staples
 * when {@code jdk.tls.server.enableStatusRequestExtension} is true while it is created, and its
 * status manager fetches the responses from {@code jdk.tls.stapling.responderURI}, which jnatsd
 * points at its own loopback responder (see {@code tls/ocsp/StapleResponder}) that serves the
 * staples the OCSP monitors fetched. Design note: the properties are process-wide, so only the
 * creation of stapling contexts sets the first one, under this class's lock, and the second is
 * set once and only matters to stapling contexts. Thread-safe.
 */
public final class StaplingContexts {

    private static final String SERVER_STAPLING = "jdk.tls.server.enableStatusRequestExtension";
    /** How long the JDK keeps a staple before asking the local responder again (seconds). */
    private static final int CACHE_LIFETIME_SECONDS = 2;

    private StaplingContexts() {
    }

    /** Points every stapling context made from now on at {@code responder}. */
    public static synchronized void pointAt(URI responder) {
        System.setProperty("jdk.tls.stapling.responderURI", responder.toString());
        System.setProperty("jdk.tls.stapling.responderOverride", "true");
        System.setProperty("jdk.tls.stapling.cacheLifetime", Integer.toString(CACHE_LIFETIME_SECONDS));
    }

    /** Builds a server context that staples. */
    static synchronized SslContext build(SslContextBuilder b) throws SSLException {
        String before = System.getProperty(SERVER_STAPLING);
        System.setProperty(SERVER_STAPLING, "true");
        try {
            return b.build();
        } finally {
            if (before == null) {
                System.clearProperty(SERVER_STAPLING);
            } else {
                System.setProperty(SERVER_STAPLING, before);
            }
        }
    }

    /** The PKIX trust manager of {@code cas}, or of the JDK's default roots when null. */
    static X509TrustManager trustManager(X509Certificate[] cas) {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (cas == null) {
                f.init((KeyStore) null);
            } else {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                for (int i = 0; i < cas.length; i++) {
                    ks.setCertificateEntry("ca-" + i, cas[i]);
                }
                f.init(ks);
            }
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalArgumentException("no X509 trust manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("failed to set up the trust manager: " + e.getMessage(), e);
        }
    }
}
