package io.jnatsd.tls.ocsp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Twin of {@code server/ocsp_peer.go} ({@code peerOCSPValid}, {@code certOCSPGood}) and of
 * {@code OCSPResponseCurrent}/{@code ValidDelegationCheck} in {@code server/certidp/certidp.go}: is a
 * client's chain OCSP-good? Each link with an OCSP responder (AIA) is checked against the cached
 * response or the responder's, with the options' skew, timeout, warn-only, unknown-is-good and
 * allow-when-unreachable. Blocking (a responder may take {@code ca_timeout}). Thread-safe.
 */
public final class OcspPeerVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(OcspPeerVerifier.class);

    private final OcspPeerConfig config;
    private final OcspResponseCache cache;
    private final List<X509Certificate> trusted;
    private final Clock clock;

    public OcspPeerVerifier(OcspPeerConfig config, OcspResponseCache cache, List<X509Certificate> trusted,
                            Clock clock) {
        this.config = config;
        this.cache = cache;
        this.trusted = List.copyOf(trusted);
        this.clock = clock;
    }

    /** True when the chain the client presented passes (the reference's {@code tlsClientOCSPValid}). */
    public boolean valid(X509Certificate[] presented) {
        if (presented == null || presented.length == 0) {
            LOG.error("Peer certificate is nil, rejecting OCSP peer");
            return false;
        }
        List<X509Certificate> chain = OcspCerts.verifiedChain(presented, trusted);
        if (chain.size() == 1) {
            return true;
        }
        for (int pos = 0; pos < chain.size() - 1; pos++) {
            X509Certificate cert = chain.get(pos);
            List<String> urls = OcspCerts.responderUrls(cert);
            if (urls.isEmpty()) {
                continue;
            }
            String bad = certGood(cert, chain.get(pos + 1), urls);
            if (bad != null) {
                LOG.debug(bad);
                return false;
            }
        }
        return true;
    }

    /** Null when the link is good, else why not (the reference's {@code certOCSPGood}). */
    private String certGood(X509Certificate leaf, X509Certificate issuer, List<String> urls) {
        String key = OcspCerts.fingerprint(leaf);
        String subject = OcspCerts.subject(leaf);
        OcspResponse resp = null;
        boolean cachedRevocation = false;
        byte[] cached = cache.get(key);
        if (cached != null && cached.length > 0) {
            try {
                OcspResponse r = OcspResponse.parse(cached, issuer, leaf.getSerialNumber());
                if (!validDelegation(issuer, r)) {
                    cache.delete(key, true);
                } else {
                    if (current(r)) {
                        resp = r;
                    } else {
                        cache.delete(key, true);
                    }
                    cachedRevocation = r.status() == OcspResponse.Status.REVOKED;
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Invalid cached OCSP response for [{}] with fingerprint [{}]", subject, key);
                cache.delete(key, true);
            }
        }
        if (resp == null) {
            byte[] raw;
            try {
                raw = OcspFetcher.fetch(urls, OcspFetcher.request(leaf, issuer), config.caTimeout());
            } catch (IOException e) {
                LOG.warn("Attempt to obtain OCSP response from CA responder for [{}] failed: {}", subject,
                        e.getMessage());
                if (config.warnOnly()) {
                    return allowWarnOnly(subject);
                }
                if (config.allowWhenCaUnreachable() && !cachedRevocation) {
                    LOG.warn("Failed to obtain OCSP CA response for [{}] but AllowWhenCAUnreachable set; "
                            + "no cached revocation so allowing", subject);
                    return null;
                } else if (config.allowWhenCaUnreachable()) {
                    LOG.warn("Failed to obtain OCSP CA response for [{}] but AllowWhenCAUnreachable set; "
                            + "cached revocation exists so rejecting", subject);
                }
                return "Failed OCSP response fetch";
            }
            try {
                resp = OcspResponse.parse(raw, issuer, leaf.getSerialNumber());
            } catch (IOException | RuntimeException e) {
                LOG.error("Could not parse OCSP CA response for [{}]: {}", subject, e.getMessage());
                return config.warnOnly() ? allowWarnOnly(subject) : "Failed OCSP response parse";
            }
            if (!validDelegation(issuer, resp)) {
                LOG.warn("Invalid OCSP response delegation: {}", subject);
                return config.warnOnly() ? allowWarnOnly(subject) : "Invalid OCSP response delegation: " + subject;
            }
            if (!current(resp)) {
                LOG.warn("New OCSP CA response obtained for [{}] but not current", subject);
                return config.warnOnly() ? allowWarnOnly(subject) : "OCSP response not in effectivity window";
            }
            cache.put(key, resp, subject);
        }
        OcspResponse.Status status = resp.status();
        if (status == OcspResponse.Status.REVOKED
                || status == OcspResponse.Status.UNKNOWN && !config.unknownIsGood()) {
            LOG.warn("OCSP verify fail for [{}] with CA status [{}]", subject, status.text());
            return config.warnOnly() ? allowWarnOnly(subject) : "Invalid OCSP response status: " + status.text();
        }
        LOG.debug("OCSP verify pass for [{}]", subject);
        return null;
    }

    private static String allowWarnOnly(String subject) {
        LOG.warn("OCSP verify fail for [{}] but WarnOnly is true so allowing", subject);
        return null;
    }

    /** The reference's {@code OCSPResponseCurrent}. */
    boolean current(OcspResponse r) {
        Duration skew = config.allowedClockSkew().isNegative() ? OcspPeerConfig.ALLOWED_CLOCK_SKEW_DEFAULT
                : config.allowedClockSkew();
        Instant now = clock.instant();
        if (r.nextUpdate() != null && r.nextUpdate().isBefore(now.minus(skew))) {
            return false;
        }
        if (r.nextUpdate() == null && r.thisUpdate().plus(config.ttlWhenNextUpdateUnset()).isBefore(now.minus(skew))) {
            return false;
        }
        return !r.thisUpdate().isAfter(now.plus(skew));
    }

    /** The reference's {@code ValidDelegationCheck}: the issuer signed, or a delegate with the OCSP-signing EKU. */
    static boolean validDelegation(X509Certificate issuer, OcspResponse r) {
        X509Certificate signer = r.signerCertificate();
        if (signer == null || signer.equals(issuer)) {
            return true;
        }
        try {
            List<String> eku = signer.getExtendedKeyUsage();
            return eku != null && eku.contains("1.3.6.1.5.5.7.3.9");
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }
}
