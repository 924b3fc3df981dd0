package io.jnatsd.config;

import io.jnatsd.tls.ClientTls;
import io.jnatsd.tls.GoTlsNames;
import io.jnatsd.tls.TlsAdmission;
import io.jnatsd.tls.TlsOptions;
import io.jnatsd.tls.ocsp.OcspPeerConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code parseTLS} in {@code server/opts.go} for the client port: reads the top-level
 * {@code tls {}} block and {@code allow_non_tls} into {@link TlsOptions}, and checks that the
 * files load (as {@code GenTLSConfig} does while the reference reads its configuration).
 *
 * <p>Keys of the block whose feature jnatsd has not built are refused; unknown keys are errors,
 * as in the reference. Not thread-safe: one per file read.
 */
final class TlsOptionsReader {

    /** Keys of the block whose feature is not built. */
    static final Set<String> REFUSED_KEYS = Set.of("verify_cert_and_check_known_urls",
            "allow_insecure_cipher_suites", "cert_store", "cert_match_by",
            "cert_match", "ca_certs_match", "cert_match_skip_invalid", "certs", "certificates");

    private TlsOptions tls;
    private ConfValue tlsAt;
    private Boolean allowNonTls;
    private OcspPeerConfig ocspPeer;

    /** Reads a {@code tls {}} block. */
    void readBlock(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "error parsing tls config, expected a map, got "
                    + v.typeName(), "tls");
        }
        TlsOptions o = TlsOptions.of(null, null);
        Path cert = null;
        Path key = null;
        boolean insecure = false;
        TlsAdmission admission = TlsAdmission.NONE;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            ConfValue value = e.getValue();
            switch (k) {
                case "cert_file" -> cert = Path.of(fileName(value, k));
                case "key_file" -> key = Path.of(fileName(value, k));
                case "ca_file" -> o = o.withCaFile(Path.of(fileName(value, k)));
                case "verify" -> o = o.withVerify(o.verify() || bool(value, k));
                case "verify_and_map" -> o = o.withVerifyAndMap(bool(value, k));
                case "insecure" -> insecure = bool(value, k);
                case "timeout" -> o = o.withTimeout(timeout(value));
                case "handshake_first", "first", "immediate" -> o = handshakeFirst(o, e.getKey(), value);
                case "cipher_suites" -> o = o.withCipherSuites(names(value, k, GoTlsNames::checkCipher));
                case "curve_preferences" -> o = o.withCurvePreferences(names(value, k, GoTlsNames::checkCurve));
                case "min_version" -> o = o.withMinVersion(minVersion(value));
                case "ocsp_peer" -> ocspPeer = OcspPeerReader.read(value);
                case "pinned_certs" -> admission = admission.withPinnedCerts(TlsAdmissionReader.pinnedCerts(value));
                case "connection_rate_limit" -> admission = admission.withConnectionRateLimit(
                        TlsAdmissionReader.rateLimit(value));
                default -> refuse(e.getKey(), value);
            }
        }
        tls = new TlsOptions(cert, key, o.caFile(), o.verify(), o.verifyAndMap(), o.timeout(), o.handshakeFirst(),
                o.handshakeFirstFallback(), o.cipherSuites(), o.curvePreferences(), o.minVersion(), insecure, false,
                admission);
        tlsAt = v;
    }

    /** The block read by {@link #readBlock}, or null before. */
    TlsOptions options() {
        return tls;
    }

    /** The block's {@code ocsp_peer}, or null. */
    OcspPeerConfig ocspPeer() {
        return ocspPeer;
    }

    /** Reads {@code allow_non_tls}. */
    void readAllowNonTls(ConfValue v) throws ConfException {
        allowNonTls = bool(v, "allow_non_tls");
    }

    /** Puts what was read into {@code builder}, after building the TLS context once to check it. */
    void apply(ServerOptions.Builder builder) throws ConfException {
        if (tls == null) {
            return;
        }
        TlsOptions o = tls.withAllowNonTls(Boolean.TRUE.equals(allowNonTls));
        try {
            ClientTls.forClients(o);
        } catch (IllegalArgumentException e) {
            throw new ConfException(tlsAt.reportPosition(), e.getMessage(), "tls");
        }
        builder.tls(o);
    }

    private static void refuse(String rawKey, ConfValue value) throws ConfException {
        if (REFUSED_KEYS.contains(rawKey.toLowerCase(Locale.ROOT))) {
            throw new ConfException(value.reportPosition(), "\"" + rawKey
                    + "\" in tls is not supported by this build of jnatsd yet", rawKey);
        }
        throw new ConfException(value.reportPosition(), "error parsing tls config, unknown field \"" + rawKey
                + "\"", rawKey);
    }

    private static String fileName(ConfValue v, String key) throws ConfException {
        if (v.plain() instanceof String s) {
            return s;
        }
        throw new ConfException(v.reportPosition(), "error parsing tls config, expected '" + key
                + "' to be filename", key);
    }

    private static boolean bool(ConfValue v, String key) throws ConfException {
        if (v.plain() instanceof Boolean b) {
            return b;
        }
        throw new ConfException(v.reportPosition(), "error parsing tls config, expected '" + key
                + "' to be a boolean", key);
    }

    /** Seconds as an integer or a float, or a duration string. */
    private static Duration timeout(ConfValue v) throws ConfException {
        Duration d = ConfDurations.fromSecondsOrString(v, "error parsing tls config, 'timeout' ");
        if (d == null) {
            throw new ConfException(v.reportPosition(), "error parsing tls config, 'timeout' wrong type", "timeout");
        }
        return d;
    }

    /** A boolean, "true"/"on", "false"/"off", "auto" or a fallback delay. */
    private static TlsOptions handshakeFirst(TlsOptions o, String rawKey, ConfValue v) throws ConfException {
        Object plain = v.plain();
        if (plain instanceof Boolean b) {
            return o.withHandshakeFirst(b, Duration.ZERO);
        }
        if (!(plain instanceof String s)) {
            throw new ConfException(v.reportPosition(), "field \"" + rawKey + "\" should be a boolean or a string, got "
                    + v.typeName(), rawKey);
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "on" -> {
                return o.withHandshakeFirst(true, Duration.ZERO);
            }
            case "false", "off" -> {
                return o.withHandshakeFirst(false, Duration.ZERO);
            }
            case "auto", "auto_fallback" -> {
                return o.withHandshakeFirst(true, TlsOptions.HANDSHAKE_FIRST_FALLBACK_DEFAULT);
            }
            default -> {
                try {
                    return o.withHandshakeFirst(true, ConfDurations.parse(s));
                } catch (IllegalArgumentException e) {
                    throw new ConfException(v.reportPosition(), "field \"" + rawKey + "\"'s value \"" + s
                            + "\" is invalid", s);
                }
            }
        }
    }

    private interface NameCheck {
        void check(String name);
    }

    private static List<String> names(ConfValue v, String key, NameCheck check) throws ConfException {
        if (!v.isList()) {
            throw new ConfException(v.reportPosition(), "error parsing tls config, '" + key + "' wrong type", key);
        }
        if (v.asList().isEmpty()) {
            throw new ConfException(v.reportPosition(), "error parsing tls config, '" + key + "' cannot be empty",
                    key);
        }
        List<String> out = new ArrayList<>();
        for (ConfValue item : v.asList()) {
            String name = ServerOptionsReader.string(item);
            try {
                check.check(name);
            } catch (IllegalArgumentException e) {
                throw new ConfException(item.reportPosition(), e.getMessage(), name);
            }
            out.add(name);
        }
        return out;
    }

    private static String minVersion(ConfValue v) throws ConfException {
        if (!(v.plain() instanceof String s)) {
            throw new ConfException(v.reportPosition(), "error parsing tls config: 'min_version' wrong type: "
                    + v.plain(), "min_version");
        }
        try {
            GoTlsNames.checkMinVersion(s);
        } catch (IllegalArgumentException e) {
            throw new ConfException(v.reportPosition(), "error parsing tls config: " + e.getMessage(), s);
        }
        return s;
    }
}
