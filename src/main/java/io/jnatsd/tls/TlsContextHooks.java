package io.jnatsd.tls;

import javax.net.ssl.X509TrustManager;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What a room above {@code tls} may add to the client port's TLS (OCSP: the staple's issuer in the
 * chain, stapling, a peer check after the chain check, handshakes off the event loop). The
 * defaults change nothing. Implementations are immutable and thread-safe.
 */
public interface TlsContextHooks {

    /** No change. */
    TlsContextHooks NONE = new TlsContextHooks() {
    };

    /** The chain the server shows, given the configured one. */
    default List<X509Certificate> chain(List<X509Certificate> configured) {
        return configured;
    }

    /** True to answer a client's status_request with a stapled OCSP response. */
    default boolean stapling() {
        return false;
    }

    /** The trust manager that checks client certificates, given the configured one. */
    default X509TrustManager trust(X509TrustManager configured) {
        return configured;
    }

    /** Where handshake tasks (certificate checks) run, or null for the event loop. */
    default Executor handshakeExecutor() {
        return null;
    }
}
