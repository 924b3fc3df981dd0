package io.jnatsd.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The TLS set-up of one listener: the options and the {@link SslContext} built from them,
 * held together so that a reload can swap both at once ({@link #replace}); connections take
 * the current pair when they start their handshake.
 *
 * <p>Thread-safe: the pair is one volatile reference.
 */
public final class ClientTls {

    private record Current(TlsOptions options, SslContext context) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClientTls.class);

    private final TlsContexts.Peer peer;
    private volatile Current current;
    private volatile TlsContextHooks hooks = TlsContextHooks.NONE;
    /** {@code connection_rate_limit} as the server started with it (the reference does not reload it), or null. */
    private final TlsRateCounter rate;
    private final AtomicLong lastRateLogNanos = new AtomicLong(System.nanoTime());

    private ClientTls(TlsOptions options, TlsContexts.Peer peer) {
        this.peer = peer;
        this.current = new Current(options, TlsContexts.build(options, peer));
        long limit = options.admission().connectionRateLimitPerSecond();
        this.rate = limit > 0 ? new TlsRateCounter(limit) : null;
    }

    /**
     * Whether one more connection may start TLS under {@code connection_rate_limit}; the refused
     * ones are logged at most once a second, as the reference's {@code logRejectedTLSConns}. Thread-safe.
     */
    public boolean admitConnection() {
        TlsRateCounter r = rate;
        if (r == null) {
            return true;
        }
        long now = System.nanoTime();
        boolean allowed = r.allow(now);
        long last = lastRateLogNanos.get();
        if (!allowed && now - last >= TlsRateCounter.INTERVAL_NANOS && lastRateLogNanos.compareAndSet(last, now)) {
            LOG.warn("Rejected {} connections due to TLS rate limiting", r.takeBlocked());
        }
        return allowed;
    }

    /**
     * The TLS of the client port.
     *
     * @throws IllegalArgumentException when the options are refused (see {@link TlsContexts#build})
     */
    public static ClientTls forClients(TlsOptions options) {
        return new ClientTls(options, TlsContexts.Peer.AS_CONFIGURED);
    }

    /** The TLS of the HTTPS monitor: the same certificate, no client certificate asked. */
    public static ClientTls forMonitor(TlsOptions options) {
        return new ClientTls(options, TlsContexts.Peer.NO_CLIENT_CERT);
    }

    /** The options in force. Thread-safe. */
    public TlsOptions options() {
        return current.options();
    }

    /**
     * Builds a context from {@code options} and makes it the one new handshakes use; the
     * connections already up keep theirs. Thread-safe.
     *
     * @throws IllegalArgumentException when the options are refused; the old pair stays
     */
    public void replace(TlsOptions options) {
        current = new Current(options, TlsContexts.build(options, peer, hooks));
    }

    /**
     * Rebuilds the context with {@code next} (OCSP), for this and later reloads. Call before
     * clients are accepted. Thread-safe.
     *
     * @throws IllegalArgumentException when the options are refused; nothing changes
     */
    public void installHooks(TlsContextHooks next) {
        Current c = current;
        current = new Current(c.options(), TlsContexts.build(c.options(), peer, next));
        hooks = next;
    }

    /** A server-side handler for one channel, with the handshake timeout and curves of the options. Thread-safe. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        Current c = current;
        Executor tasks = hooks.handshakeExecutor();
        SslHandler handler = tasks == null ? c.context().newHandler(alloc) : c.context().newHandler(alloc, tasks);
        handler.setHandshakeTimeoutMillis(c.options().timeout().toMillis());
        List<String> curves = c.options().curvePreferences();
        if (!curves.isEmpty()) {
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setNamedGroups(curves.stream().map(GoTlsNames.CURVES::get).toArray(String[]::new));
            engine.setSSLParameters(params);
        }
        return handler;
    }
}
