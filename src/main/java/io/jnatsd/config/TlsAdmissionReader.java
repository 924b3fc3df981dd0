package io.jnatsd.config;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code pinned_certs} and {@code connection_rate_limit} keys of a {@code tls {}}
 * block with the reference's words ({@code parseTLS} in {@code server/opts.go}). Stateless.
 */
final class TlsAdmissionReader {

    private static final Pattern SHA256_HEX = Pattern.compile("^[a-f0-9]{64}$");
    private static final String SPKI = "hex-encoded sha256 of DER encoded SubjectPublicKeyInfo";

    private TlsAdmissionReader() {
    }

    /** A list of hex SHA-256 digests, lower-cased; an empty list pins nothing. */
    static Set<String> pinnedCerts(ConfValue v) throws ConfException {
        if (!v.isList()) {
            throw new ConfException(v.reportPosition(), "error parsing tls config, expected 'pinned_certs' to be a list of "
                    + SPKI, "pinned_certs");
        }
        Set<String> out = new HashSet<>();
        for (ConfValue item : v.asList()) {
            String entry = String.valueOf(item.plain()).toLowerCase(Locale.ROOT);
            if (!SHA256_HEX.matcher(entry).matches()) {
                throw new ConfException(item.reportPosition(), "error parsing tls config, 'pinned_certs' key " + entry
                        + " does not look like " + SPKI, "pinned_certs");
            }
            out.add(entry);
        }
        return out;
    }

    /** An integer: TLS connections per second. */
    static long rateLimit(ConfValue v) throws ConfException {
        if (v.plain() instanceof Long n) {
            return n;
        }
        throw new ConfException(v.reportPosition(), "error parsing tls config, 'connection_rate_limit' wrong type",
                "connection_rate_limit");
    }
}
