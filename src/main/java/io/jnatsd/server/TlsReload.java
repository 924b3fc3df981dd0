package io.jnatsd.server;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.tls.ClientTls;
import io.jnatsd.tls.TlsContexts;
import io.jnatsd.tls.TlsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Twin of {@code tlsOption}, {@code tlsTimeoutOption}, {@code tlsHandshakeFirst} and
 * {@code tlsHandshakeFirstFallback} in {@code server/reload.go}: the client port's certificate,
 * key, CA and other {@code tls {}} settings change for new connections; connections already up
 * keep the session they made. The files are read again on every reload, so a certificate renewed
 * in place (same file names) is taken too, as the reference, which compares the loaded
 * certificates, does. A file that does not load refuses the whole reload.
 *
 * <p>Departure: turning TLS on or off by reload is refused (the reference allows it).
 *
 * <p>Runs on the reloading thread, one reload at a time.
 */
final class TlsReload implements ReloadParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(TlsReload.class);

    private final NatsServer server;

    TlsReload(NatsServer server) {
        this.server = server;
    }

    @Override
    public Set<String> components() {
        return Set.of("tls");
    }

    @Override
    public boolean readsFiles() {
        return true;
    }

    @Override
    public void check(ServerOptions current, ServerOptions next) throws ReloadException {
        TlsOptions a = current.tls();
        TlsOptions b = next.tls();
        if ((a == null) != (b == null)) {
            throw new ReloadException("config reload not supported for TLSConfig: old=" + onOff(a) + ", new="
                    + onOff(b));
        }
        if (b == null) {
            return;
        }
        try {
            TlsContexts.build(b, TlsContexts.Peer.AS_CONFIGURED);
        } catch (IllegalArgumentException e) {
            throw new ReloadException(e.getMessage(), e);
        }
    }

    @Override
    public void apply(ServerOptions current, ServerOptions next) {
        ClientTls tls = server.clientTls();
        TlsOptions b = next.tls();
        if (tls == null || b == null) {
            return;
        }
        try {
            tls.replace(b);
        } catch (IllegalArgumentException e) {
            LOG.error("TLS files changed while reloading, keeping the previous certificates: {}", e.getMessage());
            return;
        }
        ServerInfo info = server.info();
        if (info != null) {
            info.setTls(b.required(), b.verify());
        }
        if (current.tls().verifyAndMap() != b.verifyAndMap()) {
            server.swapAuthenticator(server.authenticatorFor(next));
        }
        if (!b.equals(current.tls())) {
            LOG.info("Reloaded: tls = enabled");
        }
    }

    private static String onOff(TlsOptions o) {
        return o == null ? "disabled" : "enabled";
    }
}
