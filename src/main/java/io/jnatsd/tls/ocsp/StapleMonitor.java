package io.jnatsd.tls.ocsp;

import io.jnatsd.server.GoDurations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Twin of {@code OCSPMonitor} in {@code server/ocsp.go}: keeps the OCSP response (the staple) of
 * the server's own certificate current. The first status comes from memory, then the store
 * ({@code <store_dir>/ocsp/<sha256>}), then the responder; later ones from the responder, halfway
 * to each response's NextUpdate (24 h without one, 2 min when past). A status other than good,
 * in a mode that shuts down on revocation, stops the server.
 *
 * <p>Thread-safe: the staple is one volatile reference; refreshes run on the monitor's own thread.
 */
final class StapleMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(StapleMonitor.class);
    static final String STORE_DIR = "ocsp";
    static final Duration CHECK_INTERVAL_DEFAULT = Duration.ofHours(24);
    static final Duration CHECK_INTERVAL_MIN = Duration.ofMinutes(2);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private final X509Certificate leaf;
    private final X509Certificate issuer;
    private final String certFile;
    private final List<String> overrideUrls;
    private final Path storeDir;
    private final boolean shutdownOnRevoke;
    private final Runnable shutdown;
    private final Clock clock;
    private volatile OcspResponse staple;
    private ScheduledExecutorService timer;

    StapleMonitor(X509Certificate leaf, X509Certificate issuer, String certFile, List<String> overrideUrls,
                  Path storeDir, boolean shutdownOnRevoke, Runnable shutdown, Clock clock) {
        this.leaf = leaf;
        this.issuer = issuer;
        this.certFile = certFile;
        this.overrideUrls = overrideUrls;
        this.storeDir = storeDir == null ? null : storeDir.resolve(STORE_DIR);
        this.shutdownOnRevoke = shutdownOnRevoke;
        this.shutdown = shutdown;
        this.clock = clock;
    }

    X509Certificate leaf() {
        return leaf;
    }

    X509Certificate issuer() {
        return issuer;
    }

    /** The staple to serve, or null. Thread-safe. */
    byte[] stapleBytes() {
        OcspResponse s = staple;
        return s == null ? null : s.raw();
    }

    /**
     * The start-up check of {@code NewOCSPMonitor}: gets a status or refuses to start.
     *
     * @throws IllegalStateException with the reference's error
     */
    void checkAtStart() {
        OcspResponse r;
        try {
            if (storeDir != null) {
                Files.createDirectories(storeDir);
            }
            r = status();
        } catch (IOException e) {
            throw new IllegalStateException("bad OCSP status update for certificate at '" + certFile + "': "
                    + e.getMessage(), e);
        }
        if (r.status() != OcspResponse.Status.GOOD && shutdownOnRevoke) {
            throw new IllegalStateException("found existing OCSP status for certificate at '" + certFile + "': "
                    + r.status().text());
        }
    }

    /** Starts the refreshes (the reference's {@code run}). */
    synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jnatsd-ocsp-staple");
            t.setDaemon(true);
            return t;
        });
        OcspResponse r = staple;
        if (r.status() == OcspResponse.Status.GOOD) {
            Duration next = nextRun();
            LOG.info("Found OCSP status for client certificate at '{}': good, next update {}, checking again in {}",
                    certFile, r.nextUpdate(), GoDurations.string(next.toNanos()));
            schedule(next);
        } else if (shutdownOnRevoke) {
            LOG.error("Found OCSP status for client certificate at '{}': {}", certFile, r.status().text());
            stopAndShutDown();
        } else {
            schedule(Duration.ZERO);
        }
    }

    /** Stops the refreshes. Idempotent. */
    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private synchronized void schedule(Duration delay) {
        if (timer != null) {
            timer.schedule(this::refresh, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void refresh() {
        OcspResponse r;
        try {
            r = remoteStatus();
        } catch (IOException e) {
            Duration next = nextRun();
            LOG.error("Bad OCSP status update for certificate '{}': {}, trying again in {}", certFile,
                    e.getMessage(), GoDurations.string(next.toNanos()));
            schedule(next);
            return;
        }
        if (r.status() == OcspResponse.Status.GOOD) {
            Duration next = nextRun();
            LOG.info("Received OCSP status for client certificate '{}': good, next update {}, checking again in {}",
                    certFile, r.nextUpdate(), GoDurations.string(next.toNanos()));
            schedule(next);
            return;
        }
        LOG.error("Received OCSP status for client certificate '{}': {}", certFile, r.status().text());
        if (shutdownOnRevoke) {
            stopAndShutDown();
        }
    }

    private void stopAndShutDown() {
        stop();
        Thread t = new Thread(shutdown, "jnatsd-ocsp-shutdown");
        t.setDaemon(true);
        t.start();
    }

    /** The reference's {@code getNextRun}. */
    Duration nextRun() {
        OcspResponse r = staple;
        if (r == null || r.nextUpdate() == null) {
            return CHECK_INTERVAL_DEFAULT;
        }
        Duration half = Duration.between(clock.instant(), r.nextUpdate()).dividedBy(2);
        return half.isNegative() ? CHECK_INTERVAL_MIN : half;
    }

    /** The reference's {@code getStatus}: memory, then the store, then the responder. */
    OcspResponse status() throws IOException {
        OcspResponse r = staple;
        if (r != null && r.invalidReason(clock.instant()) == null) {
            return r;
        }
        OcspResponse local = localStatus();
        return local != null ? local : remoteStatus();
    }

    private OcspResponse localStatus() {
        if (storeDir == null) {
            return null;
        }
        try {
            byte[] raw = Files.readAllBytes(storeDir.resolve(OcspCerts.hexFingerprint(leaf)));
            OcspResponse r = OcspResponse.parse(raw, issuer, leaf.getSerialNumber());
            if (r.invalidReason(clock.instant()) != null) {
                return null;
            }
            staple = r;
            return r;
        } catch (IOException e) {
            return null;
        }
    }

    private OcspResponse remoteStatus() throws IOException {
        List<String> urls = overrideUrls.isEmpty() ? OcspCerts.responderUrls(leaf) : overrideUrls;
        byte[] raw = OcspFetcher.fetch(urls, OcspFetcher.request(leaf, issuer), HTTP_TIMEOUT);
        OcspResponse r;
        try {
            r = OcspResponse.parse(raw, issuer, leaf.getSerialNumber());
        } catch (IOException | RuntimeException e) {
            throw new IOException("failed to get remote status: " + e.getMessage(), e);
        }
        String invalid = r.invalidReason(clock.instant());
        if (invalid != null) {
            throw new IOException(invalid);
        }
        if (storeDir != null) {
            write(raw);
        }
        staple = r;
        return r;
    }

    private void write(byte[] raw) throws IOException {
        Path tmp = Files.createTempFile(storeDir, "tmp-cert-status", "");
        try {
            Files.write(tmp, raw);
            Files.move(tmp, storeDir.resolve(OcspCerts.hexFingerprint(leaf)), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("failed to write ocsp status: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** True when {@code now} is past the staple's NextUpdate (tests). */
    boolean expired(Instant now) {
        OcspResponse r = staple;
        return r == null || r.invalidReason(now) != null;
    }
}
