package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.NKeys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Twin of {@code AccountClaims} in {@code github.com/nats-io/jwt/v2}, for what authentication
 * needs: who issued the account, which keys may sign its users (with the template of a scoped
 * key), which users are revoked, and what it exports and imports. Immutable.
 *
 * @param subject     the account's public key ({@code A...})
 * @param issuer      the operator key that signed it
 * @param name        its name
 * @param expires     Unix seconds, 0 for never
 * @param signingKeys signing key to the {@code template} of its user scope, or to a missing
 *                    node for a plain signing key
 * @param revocations user key (or {@code *}) to the Unix second before which its JWTs are revoked
 * @param disallowBearer whether bearer user JWTs are refused
 * @param limits      the account's {@code limits}
 * @param jwt         the JWT itself
 * @param externalAuth its {@code authorization} claim (the auth callout of the account), or null when off
 * @param exports     its {@code exports}, in the JWT's order
 * @param imports     its {@code imports}, in the JWT's order
 */
public record AccountClaims(String subject, String issuer, String name, long expires,
                            Map<String, JsonNode> signingKeys, Map<String, Long> revocations,
                            boolean disallowBearer, Limits limits, String jwt, ExternalAuthorization externalAuth,
                            List<ExportClaim> exports, List<ImportClaim> imports) {

    /**
     * The {@code limits} of an account JWT that a server enforces ({@code OperatorLimits});
     * -1 is no limit, as is a limit the JWT leaves out.
     *
     * @param maxConnections   client connections of the account at once ({@code conn})
     * @param maxSubscriptions subscriptions per client ({@code subs})
     * @param maxPayloadBytes  largest message ({@code payload})
     * @param maxDataBytes     {@code data}: carried, not enforced (nor by the reference)
     * @param maxLeafNodes     leaf node connections ({@code leaf})
     */
    public record Limits(long maxConnections, long maxSubscriptions, long maxPayloadBytes, long maxDataBytes,
                         long maxLeafNodes) {

        static Limits of(JsonNode limits) {
            return new Limits(limits.path("conn").asLong(-1), limits.path("subs").asLong(-1),
                    limits.path("payload").asLong(-1), limits.path("data").asLong(-1), limits.path("leaf").asLong(-1));
        }
    }

    /** The reference's error for a JWT of another kind. */
    static final String NOT_ACCOUNT_CLAIM = "not account claim";

    /** The key of a revocation that applies to every user. */
    public static final String ALL_USERS = "*";

    public AccountClaims {
        signingKeys = Map.copyOf(signingKeys);
        revocations = Map.copyOf(revocations);
        exports = List.copyOf(exports);
        imports = List.copyOf(imports);
    }

    /**
     * Decodes and checks an account JWT signed by an operator key.
     *
     * @throws JwtException saying what is wrong
     */
    public static AccountClaims decode(String text) {
        // The kind first, as the reference's DecodeAccountClaims: a user JWT is "not account claim".
        Jwt jwt = Jwt.decodeAnyIssuer(text);
        if (!"account".equals(jwt.type())) {
            throw new JwtException(NOT_ACCOUNT_CLAIM);
        }
        if (!NKeys.isValidPublicKey(NKeys.PREFIX_OPERATOR, jwt.issuer())) {
            throw new JwtException("issuer \"" + jwt.issuer() + "\" is not a valid key of the expected kind");
        }
        if (!NKeys.isValidPublicKey(NKeys.PREFIX_ACCOUNT, jwt.subject())) {
            throw new JwtException("account subject is not an account key");
        }
        Map<String, JsonNode> keys = new HashMap<>();
        for (JsonNode k : jwt.nats().path("signing_keys")) {
            if (k.isTextual()) {
                keys.put(k.asText(), com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            } else if ("user_scope".equals(k.path("kind").asText())) {
                keys.put(k.path("key").asText(), k.path("template"));
            }
        }
        Map<String, Long> revocations = new HashMap<>();
        jwt.nats().path("revocations").properties().forEach(e -> revocations.put(e.getKey(), e.getValue().asLong()));
        return new AccountClaims(jwt.subject(), jwt.issuer(), jwt.claims().path("name").asText(""), jwt.expires(),
                keys, revocations, jwt.nats().path("limits").path("disallow_bearer").asBoolean(false),
                Limits.of(jwt.nats().path("limits")), text.trim(),
                ExternalAuthorization.of(jwt.nats().path("authorization")), exportsOf(jwt.nats()),
                importsOf(jwt.nats()));
    }

    /** Whether {@code key} is this account's own key or one of its signing keys ({@code hasIssuer}). */
    public boolean hasIssuer(String key) {
        return subject.equals(key) || signingKeys.containsKey(key);
    }

    private static List<ExportClaim> exportsOf(JsonNode nats) {
        List<ExportClaim> out = new ArrayList<>();
        for (JsonNode e : nats.path("exports")) {
            out.add(ExportClaim.of(e));
        }
        return out;
    }

    private static List<ImportClaim> importsOf(JsonNode nats) {
        List<ImportClaim> out = new ArrayList<>();
        for (JsonNode i : nats.path("imports")) {
            out.add(ImportClaim.of(i));
        }
        return out;
    }

    /** Whether a user JWT of {@code userKey} issued at {@code issuedAt} is revoked ({@code isRevoked}). */
    public boolean revoked(String userKey, long issuedAt) {
        Long at = revocations.get(userKey);
        if (at != null && at >= issuedAt) {
            return true;
        }
        Long all = revocations.get(ALL_USERS);
        return all != null && all >= issuedAt;
    }
}
