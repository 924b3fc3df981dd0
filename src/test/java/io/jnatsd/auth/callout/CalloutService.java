package io.jnatsd.auth.callout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.NKeys;
import io.jnatsd.auth.XKeys;
import io.jnatsd.auth.jwt.Jwt;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NKey;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * An auth callout service for tests, on the official client: it reads each request JWT (its
 * signature checked against the server key it names), asks {@code policy} what to answer, and
 * replies with a response JWT signed by the issuer account key. Thread-safe.
 */
final class CalloutService implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}"
            .getBytes(StandardCharsets.UTF_8));

    /** What to answer to one request. */
    sealed interface Answer {
        /** Let the user in: a user JWT with these claims over the defaults, signed by {@code signer}. */
        record Allow(NKey signer, String account, ObjectNode userNats) implements Answer {
        }

        /** Refuse with this error. */
        record Deny(String error) implements Answer {
        }

        /** Say nothing. */
        record Silence() implements Answer {
        }
    }

    private final NKey issuer;
    private final Dispatcher dispatcher;
    /** The service's curve keys when requests are encrypted, else null. */
    private final XKeys xkeys;
    final BlockingQueue<Jwt> requests = new LinkedBlockingQueue<>();

    CalloutService(Connection nc, NKey issuer, Function<JsonNode, Answer> policy) {
        this(nc, issuer, null, policy);
    }

    CalloutService(Connection nc, NKey issuer, XKeys xkeys, Function<JsonNode, Answer> policy) {
        this.issuer = issuer;
        this.xkeys = xkeys;
        this.dispatcher = nc.createDispatcher(msg -> {
            try {
                onRequest(nc, msg, policy);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        dispatcher.subscribe(AuthCallout.SUBJECT);
    }

    private void onRequest(Connection nc, Message msg, Function<JsonNode, Answer> policy)
            throws java.security.GeneralSecurityException {
        byte[] data = msg.getData();
        String serverXkey = msg.getHeaders() == null ? null : msg.getHeaders().getFirst(AuthCallout.XKEY_HEADER);
        if (xkeys != null) {
            data = xkeys.open(data, serverXkey);
        }
        Jwt request = Jwt.decode(new String(data, StandardCharsets.UTF_8), NKeys.PREFIX_SERVER);
        requests.add(request);
        JsonNode nats = request.nats();
        String userNkey = nats.path("user_nkey").asText();
        String serverId = nats.path("server_id").path("id").asText();
        Answer answer = policy.apply(nats);
        ObjectNode response = JSON.createObjectNode();
        response.put("type", "authorization_response").put("version", 2);
        switch (answer) {
            case Answer.Silence s -> {
                return;
            }
            case Answer.Deny d -> response.put("error", d.error());
            case Answer.Allow a -> {
                ObjectNode userNats = a.userNats() == null ? JSON.createObjectNode() : a.userNats().deepCopy();
                userNats.put("type", "user").put("version", 2);
                response.put("jwt", sign(a.signer(), userNkey, a.account(), userNats));
            }
        }
        byte[] out = sign(issuer, userNkey, serverId, response).getBytes(StandardCharsets.UTF_8);
        nc.publish(msg.getReplyTo(), xkeys == null ? out : xkeys.seal(out, serverXkey));
    }

    /** A JWT about {@code subject} for {@code audience}, signed by {@code signer}. */
    static String sign(NKey signer, String subject, String audience, ObjectNode nats) {
        try {
            ObjectNode claims = JSON.createObjectNode();
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("iat", System.currentTimeMillis() / 1000);
            claims.put("iss", new String(signer.getPublicKey()));
            claims.put("sub", subject);
            claims.put("aud", audience);
            claims.set("nats", nats);
            String body = HEADER + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            return body + "." + B64.encodeToString(signer.sign(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dispatcher.unsubscribe(AuthCallout.SUBJECT);
    }
}
