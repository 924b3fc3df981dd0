package io.jnatsd.auth;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a client shows to be let in: the credentials of its CONNECT, the nonce the server sent
 * it, and its TLS certificate chain.
 *
 * @param user         CONNECT {@code user}, or null
 * @param password     CONNECT {@code pass}, or null
 * @param token        CONNECT {@code auth_token}, or null
 * @param nkey         CONNECT {@code nkey}, or null
 * @param signature    CONNECT {@code sig}: the nonce signed, base64url, or null
 * @param jwt          CONNECT {@code jwt}: a user JWT, or null
 * @param nonce        the nonce INFO carried, or null
 * @param certificates the client's certificate chain, empty without TLS or without one
 * @param clientIp     the client's address, or null
 */
public record ClientCredentials(String user, String password, String token, String nkey, String signature,
                                String jwt, String nonce, List<X509Certificate> certificates, String clientIp) {

    public ClientCredentials {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }

    @Override
    public String toString() {
        return "ClientCredentials[user=" + user + ", nkey=" + nkey + "]";
    }
}
