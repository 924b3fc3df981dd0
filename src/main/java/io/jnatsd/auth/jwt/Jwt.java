package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.auth.Ed25519;
import io.jnatsd.auth.NKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twin of {@code Decode} in {@code github.com/nats-io/jwt/v2}: a NATS JWT, decoded and its
 * signature checked. A NATS JWT is {@code header.claims.signature}, each part unpadded
 * base64url; the header is {@code {"typ":"JWT","alg":"ed25519-nkey"}}; the signature is the
 * Ed25519 signature of {@code header.claims} by the issuer's nkey ({@code iss}).
 *
 * <p>Immutable; thread-safe.
 *
 * @param claims    the claims JSON
 * @param subject   {@code sub}: the public nkey the JWT is about
 * @param issuer    {@code iss}: the public nkey that signed it
 * @param issuedAt  {@code iat}, Unix seconds
 * @param expires   {@code exp}, Unix seconds, 0 for never
 * @param notBefore {@code nbf}, Unix seconds, 0 for always
 * @param type      {@code nats.type}: operator, account, user, ...
 */
public record Jwt(JsonNode claims, String subject, String issuer, long issuedAt, long expires, long notBefore,
                  String type) {

    /** The algorithm of current NATS JWTs; {@code ed25519} is the v1 name, still accepted. */
    static final String ALGORITHM = "ed25519-nkey";
    static final String ALGORITHM_V1 = "ed25519";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A JWT inside a decorated creds or JWT file. */
    private static final Pattern JWT_TEXT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    /** The {@code nats} section of the claims (empty node when absent). */
    public JsonNode nats() {
        return claims.path("nats");
    }

    /** Whether the JWT has expired at {@code nowSeconds}. */
    public boolean expiredAt(long nowSeconds) {
        return expires > 0 && nowSeconds >= expires;
    }

    /** Whether the JWT is not valid yet at {@code nowSeconds}. */
    public boolean notYetValidAt(long nowSeconds) {
        return notBefore > 0 && nowSeconds < notBefore;
    }

    /**
     * Decodes {@code text} and checks its signature by its issuer, whose key must be of one of
     * {@code issuerPrefixes} (an account's JWT is signed by an operator key, ...).
     *
     * @throws JwtException saying what is wrong
     */
    public static Jwt decode(String text, int... issuerPrefixes) {
        if (text == null) {
            throw new JwtException("no JWT");
        }
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new JwtException("expected 3 chunks");
        }
        JsonNode header = json(parts[0]);
        if (!"jwt".equals(header.path("typ").asText().toLowerCase(Locale.ROOT))) {
            throw new JwtException("not supported type \"" + header.path("typ").asText() + "\"");
        }
        String alg = header.path("alg").asText();
        if (!ALGORITHM.equals(alg) && !ALGORITHM_V1.equals(alg)) {
            throw new JwtException("unexpected \"" + alg + "\" algorithm");
        }
        JsonNode claims = json(parts[1]);
        String issuer = claims.path("iss").asText("");
        byte[] key = issuerKey(issuer, issuerPrefixes);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new JwtException("bad signature encoding");
        }
        // A v1 JWT signed its payload chunk alone; v2 signs "header.payload".
        boolean v1 = ALGORITHM_V1.equals(alg);
        byte[] signed = (v1 ? parts[1] : parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!Ed25519.verify(key, signed, signature)) {
            throw new JwtException(v1 ? "claim failed V1 signature verification"
                    : "claim failed V2 signature verification");
        }
        String type = claims.path("nats").path("type").asText("");
        if (type.isEmpty() && v1) {
            type = claims.path("type").asText("");
        }
        return new Jwt(claims, claims.path("sub").asText(""), issuer, claims.path("iat").asLong(),
                claims.path("exp").asLong(), claims.path("nbf").asLong(), type);
    }

    /**
     * Decodes {@code text} and checks its signature by its issuer, whatever kind of key that is
     * (the reference's {@code DecodeGeneric}).
     *
     * @throws JwtException saying what is wrong
     */
    public static Jwt decodeAnyIssuer(String text) {
        return decode(text, NKeys.PREFIX_OPERATOR, NKeys.PREFIX_ACCOUNT, NKeys.PREFIX_USER, NKeys.PREFIX_SERVER);
    }

    /** The first JWT in a file's text, decorated ({@code -----BEGIN NATS ... JWT-----}) or bare. */
    public static String extract(String contents) {
        Matcher m = JWT_TEXT.matcher(contents);
        if (!m.find()) {
            throw new JwtException("no JWT found");
        }
        return m.group();
    }

    private static byte[] issuerKey(String issuer, int... prefixes) {
        for (int prefix : prefixes) {
            if (NKeys.isValidPublicKey(prefix, issuer)) {
                return NKeys.decodePublic(prefix, issuer);
            }
        }
        throw new JwtException("issuer \"" + issuer + "\" is not a valid key of the expected kind");
    }

    private static JsonNode json(String part) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw new JwtException("not a JSON object");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw new JwtException("bad encoding: " + e.getMessage());
        }
    }
}
