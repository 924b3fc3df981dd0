package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.NKeys;
import io.jnatsd.auth.UserLimits;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Twin of {@code UserClaims} in {@code github.com/nats-io/jwt/v2}, for what authentication
 * needs. Immutable.
 *
 * @param jwt           the decoded JWT
 * @param issuerAccount {@code nats.issuer_account}: the account when a signing key issued it, or empty
 * @param bearerToken   whether the JWT alone is enough (no signed nonce)
 */
public record UserClaims(Jwt jwt, String issuerAccount, boolean bearerToken) {

    /**
     * Decodes and checks a user JWT signed by an account key (its own or a signing key).
     *
     * @throws JwtException saying what is wrong
     */
    public static UserClaims decode(String text) {
        Jwt jwt = Jwt.decode(text, NKeys.PREFIX_ACCOUNT);
        if (!"user".equals(jwt.type())) {
            throw new JwtException("not a user JWT (type \"" + jwt.type() + "\")");
        }
        if (!NKeys.isValidPublicUserKey(jwt.subject())) {
            throw new JwtException("user subject is not a user key");
        }
        return new UserClaims(jwt, jwt.nats().path("issuer_account").asText(""),
                jwt.nats().path("bearer_token").asBoolean(false));
    }

    /** The account the user belongs to: {@code issuer_account}, else the issuer. */
    public String account() {
        return issuerAccount.isEmpty() ? jwt.issuer() : issuerAccount;
    }

    /**
     * The limits of {@code source}: the user's {@code nats} section, or the template of the
     * scoped signing key that issued it ({@code UserPermissionLimits}).
     */
    public static UserLimits limits(JsonNode source, long expiresSeconds) {
        Set<String> types = new HashSet<>();
        source.path("allowed_connection_types").forEach(t -> types.add(t.asText()));
        List<String> src = new ArrayList<>();
        JsonNode s = source.path("src");
        if (s.isTextual()) {
            for (String part : s.asText().split(",")) {
                if (!part.isBlank()) {
                    src.add(part.trim());
                }
            }
        } else {
            s.forEach(n -> src.add(n.asText()));
        }
        return new UserLimits(source.path("subs").asLong(UserLimits.UNLIMITED),
                source.path("payload").asLong(UserLimits.UNLIMITED), source.path("data").asLong(UserLimits.UNLIMITED),
                types, src, expiresSeconds > 0 ? Instant.ofEpochSecond(expiresSeconds) : null);
    }
}
