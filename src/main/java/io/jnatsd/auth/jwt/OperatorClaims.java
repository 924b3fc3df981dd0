package io.jnatsd.auth.jwt;

import io.jnatsd.auth.NKeys;

import java.util.ArrayList;
import java.util.List;

/**
 * Twin of {@code OperatorClaims} in {@code github.com/nats-io/jwt/v2}: who signs accounts.
 * Immutable.
 *
 * @param subject       the operator's public key ({@code O...})
 * @param name          its name
 * @param signingKeys   further operator keys that may sign account JWTs
 * @param systemAccount the system account's public key, or empty
 * @param accountServerUrl the URL of its account server ({@code account_server_url}), or empty
 */
public record OperatorClaims(String subject, String name, List<String> signingKeys, String systemAccount,
                             String accountServerUrl) {

    public OperatorClaims {
        signingKeys = List.copyOf(signingKeys);
    }

    /**
     * Decodes and checks an operator JWT: self-signed (or by one of its own keys), of type operator.
     *
     * @throws JwtException saying what is wrong
     */
    public static OperatorClaims decode(String text) {
        Jwt jwt = Jwt.decode(text, NKeys.PREFIX_OPERATOR);
        if (!"operator".equals(jwt.type())) {
            throw new JwtException("not an operator JWT (type \"" + jwt.type() + "\")");
        }
        if (!NKeys.isValidPublicKey(NKeys.PREFIX_OPERATOR, jwt.subject())) {
            throw new JwtException("operator subject is not an operator key");
        }
        List<String> keys = new ArrayList<>();
        jwt.nats().path("signing_keys").forEach(k -> keys.add(k.asText()));
        return new OperatorClaims(jwt.subject(), jwt.claims().path("name").asText(""), keys,
                jwt.nats().path("system_account").asText(""), jwt.nats().path("account_server_url").asText(""));
    }
}
