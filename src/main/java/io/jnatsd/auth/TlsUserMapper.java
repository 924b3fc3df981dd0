package io.jnatsd.auth;

import javax.security.auth.x500.X500Principal;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Twin of {@code checkClientTLSCertSubject} in {@code server/auth.go}: with
 * {@code verify_and_map}, finds the configured user a client certificate names: its e-mail
 * addresses, then its DNS names, then its URIs, then its subject as an RFC 2253 string
 * ({@code CN=alice,O=acme}), then any user whose name is a distinguished name equal to the
 * subject. Stateless.
 */
public final class TlsUserMapper {

    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;

    private TlsUserMapper() {
    }

    /**
     * The user of {@code users} that the first certificate of {@code chain} maps to, or null.
     * Thread-safe.
     */
    public static String map(List<X509Certificate> chain, Set<String> users) {
        if (chain == null || chain.isEmpty()) {
            return null;
        }
        X509Certificate cert = chain.get(0);
        for (int type : new int[] {SAN_EMAIL, SAN_DNS, SAN_URI}) {
            for (String name : altNames(cert, type)) {
                if (users.contains(name)) {
                    return name;
                }
            }
        }
        X500Principal subject = cert.getSubjectX500Principal();
        String rfc2253 = subject.getName(X500Principal.RFC2253);
        if (users.contains(rfc2253)) {
            return rfc2253;
        }
        for (String user : users) {
            if (user.contains("=") && sameName(user, subject)) {
                return user;
            }
        }
        return null;
    }

    private static boolean sameName(String user, X500Principal subject) {
        try {
            return new X500Principal(user).equals(subject);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> altNames(X509Certificate cert, int type) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream().filter(n -> n.size() >= 2 && Integer.valueOf(type).equals(n.get(0)))
                    .map(n -> String.valueOf(n.get(1))).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
