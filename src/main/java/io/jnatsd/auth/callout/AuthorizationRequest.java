package io.jnatsd.auth.callout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.ClientCredentials;
import io.jnatsd.auth.DeferredCheck.ClientDescription;
import io.jnatsd.auth.ServerKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Twin of {@code AuthorizationRequestClaims} in {@code github.com/nats-io/jwt/v2} and of the
 * request half of {@code processClientOrLeafCallout} in {@code server/auth_callout.go}: the JWT
 * the server signs with its own key and sends on {@code $SYS.REQ.USER.AUTH}, telling the
 * service who the server is, which user key it must answer for, and what the client showed.
 *
 * <p>Stateless; thread-safe.
 */
final class AuthorizationRequest {

    /** The request's {@code aud}. */
    static final String AUDIENCE = "nats-authorization-request";
    /** The request's {@code nats.type}. */
    static final String TYPE = "authorization_request";
    /** The {@code nats.version} of current JWTs. */
    static final int JWT_VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}"
            .getBytes(StandardCharsets.UTF_8));

    private AuthorizationRequest() {
    }

    /**
     * The server the request comes from ({@code ServerID}).
     *
     * @param name    the server's name
     * @param host    its client host
     * @param version the version INFO reports
     * @param xkey    the server's public curve key when requests are encrypted, or null
     */
    record Server(String name, String host, String version, String xkey) {
    }

    /**
     * The signed request JWT.
     *
     * @param subject   the configured issuer account ({@code sub})
     * @param userNkey  the fresh user key the response must be about
     * @param expiresAt Unix seconds after which the request is stale (now + auth timeout)
     */
    static String encode(ServerKey key, Server server, String subject, String userNkey, ClientCredentials creds,
                         ClientDescription client, long expiresAt) {
        ObjectNode nats = JSON.createObjectNode();
        ObjectNode id = nats.putObject("server_id");
        id.put("name", server.name());
        id.put("host", server.host());
        id.put("id", key.publicKey());
        putIfSet(id, "version", server.version());
        putIfSet(id, "xkey", server.xkey());
        nats.put("user_nkey", userNkey);
        ObjectNode info = nats.putObject("client_info");
        putIfSet(info, "host", client.host());
        if (client.id() != 0) {
            info.put("id", client.id());
        }
        putIfSet(info, "user", rawUser(creds));
        putIfSet(info, "name", client.name());
        info.put("kind", "Client");
        info.put("type", "nats");
        if (notEmpty(creds.signature())) {
            putIfSet(info, "nonce", creds.nonce());
        }
        connectOptions(nats.putObject("connect_opts"), creds, client);
        if (client.tlsVersion() != null) {
            ObjectNode tls = nats.putObject("client_tls");
            tls.put("version", client.tlsVersion());
            putIfSet(tls, "cipher", client.tlsCipher());
        }
        nats.put("type", TYPE);
        nats.put("version", JWT_VERSION);
        ObjectNode claims = JSON.createObjectNode();
        claims.put("aud", AUDIENCE);
        claims.put("exp", expiresAt);
        claims.put("iat", System.currentTimeMillis() / 1000);
        claims.put("iss", key.publicKey());
        claims.put("sub", subject);
        claims.set("nats", nats);
        claims.put("jti", jti(claims));
        return sign(key, claims);
    }

    /** The reference's {@code getRawAuthUser}: the nkey, else the user, else a token redacted. */
    static String rawUser(ClientCredentials c) {
        if (notEmpty(c.nkey())) {
            return c.nkey();
        }
        if (notEmpty(c.user())) {
            return c.user();
        }
        return notEmpty(c.token()) ? "[REDACTED]" : null;
    }

    private static void connectOptions(ObjectNode o, ClientCredentials c, ClientDescription client) {
        putIfSet(o, "jwt", c.jwt());
        putIfSet(o, "nkey", c.nkey());
        putIfSet(o, "sig", c.signature());
        putIfSet(o, "auth_token", c.token());
        putIfSet(o, "user", c.user());
        putIfSet(o, "pass", c.password());
        putIfSet(o, "name", client.name());
        putIfSet(o, "lang", client.lang());
        putIfSet(o, "version", client.version());
        o.put("protocol", client.protocol());
    }

    /** The JWT library's {@code jti}: the base32 SHA-256 of the claims without it. */
    private static String jti(ObjectNode claims) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(claims));
            return base32(hash);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(ServerKey key, ObjectNode claims) {
        try {
            String body = HEADER + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            return body + "." + B64.encodeToString(key.sign(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base32(byte[] data) {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder sb = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (notEmpty(value)) {
            o.put(field, value);
        }
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
