package io.jnatsd.config;

import io.jnatsd.tls.ocsp.OcspPeerConfig;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code parseOCSPPeer} in {@code server/ocsp_peer.go} and the {@code ocsp_peer} case of
 * {@code parseTLS} in {@code server/opts.go}: {@code ocsp_peer: true|false} or the long form.
 * Stateless.
 */
final class OcspPeerReader {

    private OcspPeerReader() {
    }

    /** Reads the value of {@code ocsp_peer}. */
    static OcspPeerConfig read(ConfValue v) throws ConfException {
        if (v.plain() instanceof Boolean b) {
            return OcspPeerConfig.defaults(b);
        }
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "error parsing ocsp peer config: unsupported type "
                    + v.typeName(), "ocsp_peer");
        }
        boolean verify = false;
        boolean warnOnly = false;
        boolean unknownIsGood = false;
        boolean allowUnreachable = false;
        Duration timeout = OcspPeerConfig.CA_TIMEOUT_DEFAULT;
        Duration skew = OcspPeerConfig.ALLOWED_CLOCK_SKEW_DEFAULT;
        Duration ttl = OcspPeerConfig.TTL_WHEN_NEXT_UPDATE_UNSET_DEFAULT;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue value = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "verify" -> verify = bool(value, e.getKey());
                case "warn_only" -> warnOnly = bool(value, e.getKey());
                case "unknown_is_good" -> unknownIsGood = bool(value, e.getKey());
                case "allow_when_ca_unreachable" -> allowUnreachable = bool(value, e.getKey());
                case "ca_timeout" -> timeout = orKeep(seconds(value), timeout);
                case "allowed_clockskew" -> skew = orKeep(seconds(value), skew);
                case "cache_ttl_when_next_update_unset" -> ttl = orKeep(seconds(value), ttl);
                default -> throw unknown(value, e.getKey());
            }
        }
        return new OcspPeerConfig(verify, timeout, skew, ttl, warnOnly, unknownIsGood, allowUnreachable);
    }

    private static Duration orKeep(Duration read, Duration current) {
        return read.isNegative() ? current : read;
    }

    private static ConfException unknown(ConfValue v, String key) {
        return new ConfException(v.reportPosition(), "error parsing tls peer config, unknown field [\"" + key
                + "\"]", key);
    }

    private static boolean bool(ConfValue v, String key) throws ConfException {
        if (v.plain() instanceof Boolean b) {
            return b;
        }
        throw unknown(v, key);
    }

    /** Seconds as an integer or a float, or a Go duration string (the reference's three cases). */
    static Duration seconds(ConfValue v) throws ConfException {
        Duration d = ConfDurations.fromSecondsOrString(v, "error parsing tls peer config, conversion error: ");
        if (d == null) {
            throw new ConfException(v.reportPosition(), "error parsing tls peer config, conversion error: "
                    + "unexpected type", String.valueOf(v.plain()));
        }
        return d;
    }
}
