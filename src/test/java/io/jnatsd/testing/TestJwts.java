package io.jnatsd.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nats.client.AuthHandler;
import io.nats.client.NKey;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A tiny NATS JWT issuer for tests: operator, account and user JWTs signed with the official
 * client's {@link NKey}, in the layout of {@code github.com/nats-io/jwt/v2}. Stateless.
 */
public final class TestJwts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}"
            .getBytes(StandardCharsets.UTF_8));

    private TestJwts() {
    }

    /** An empty {@code nats} section to fill. */
    public static ObjectNode nats() {
        return JSON.createObjectNode();
    }

    /** Claims {@code nats} of {@code type} about {@code subject}, signed by {@code signer}. */
    public static String issue(NKey signer, String subject, String type, ObjectNode nats, long expiresSeconds) {
        try {
            ObjectNode claims = JSON.createObjectNode();
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("iat", System.currentTimeMillis() / 1000);
            claims.put("iss", new String(signer.getPublicKey()));
            claims.put("name", type + "-" + subject.substring(0, 6));
            claims.put("sub", subject);
            if (expiresSeconds != 0) {
                claims.put("exp", expiresSeconds);
            }
            nats.put("type", type);
            nats.put("version", 2);
            claims.set("nats", nats);
            String body = HEADER + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            return body + "." + B64.encodeToString(signer.sign(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String operator(NKey operator) throws Exception {
        return issue(operator, new String(operator.getPublicKey()), "operator", nats(), 0);
    }

    public static String account(NKey operator, NKey account, ObjectNode nats) throws Exception {
        return issue(operator, new String(account.getPublicKey()), "account", nats, 0);
    }

    public static String user(NKey signer, NKey user, ObjectNode nats, long expiresSeconds) throws Exception {
        return issue(signer, new String(user.getPublicKey()), "user", nats, expiresSeconds);
    }

    /** The official client's credentials handler: the user JWT, and the nonce signed by the user key. */
    public static AuthHandler credentials(String userJwt, NKey user) {
        return new AuthHandler() {
            @Override
            public byte[] sign(byte[] nonce) {
                try {
                    return user.sign(nonce);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getID() {
                try {
                    return user.getPublicKey();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public char[] getJWT() {
                return userJwt.toCharArray();
            }
        };
    }
}
