package io.jnatsd.jetstream.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.jetstream.stream.AccountStreams;
import io.jnatsd.jetstream.stream.GoTime;
import io.jnatsd.jetstream.stream.JsJson;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Twin of the stream advisories of {@code server/jetstream_events.go}: {@code $JS.EVENT.ADVISORY.STREAM.CREATED},
 * {@code .UPDATED}, {@code .DELETED} ({@code stream_action}) and the API audit {@code $JS.EVENT.ADVISORY.API}
 * ({@code api_audit}), published in the account, and only built when someone listens.
 *
 * <p>Threading: thread-safe.
 */
public final class Advisories implements JsApiRouter.RequestObserver {
    /** Prefix of stream created advisories. */
    public static final String STREAM_CREATED = "$JS.EVENT.ADVISORY.STREAM.CREATED.";
    /** Prefix of stream updated advisories. */
    public static final String STREAM_UPDATED = "$JS.EVENT.ADVISORY.STREAM.UPDATED.";
    /** Prefix of stream deleted advisories. */
    public static final String STREAM_DELETED = "$JS.EVENT.ADVISORY.STREAM.DELETED.";
    /** The API audit subject. */
    public static final String API_AUDIT = "$JS.EVENT.ADVISORY.API";
    static final String STREAM_ACTION_TYPE = "io.nats.jetstream.advisory.v1.stream_action";
    static final String API_AUDIT_TYPE = "io.nats.jetstream.advisory.v1.api_audit";
    private static final char[] ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int ID_LENGTH = 22;

    private final SecureRandom random = new SecureRandom();
    private final String serverName;
    private final String domain;

    /**
     * @param serverName the server's name, for the audit
     * @param domain     the domain, "" for none
     */
    public Advisories(String serverName, String domain) {
        this.serverName = serverName;
        this.domain = domain;
    }

    /**
     * @param account the account
     * @param prefix  {@link #STREAM_CREATED}, {@link #STREAM_UPDATED} or {@link #STREAM_DELETED}
     * @param stream  the stream name
     */
    public void streamAction(AccountStreams account, String prefix, String stream) {
        String subject = prefix + stream;
        if (!hasInterest(account, subject)) {
            return;
        }
        ObjectNode n = event(STREAM_ACTION_TYPE);
        n.put("stream", stream);
        n.put("action", prefix.equals(STREAM_CREATED) ? "create" : prefix.equals(STREAM_DELETED) ? "delete"
            : "modify");
        if (!domain.isEmpty()) {
            n.put("domain", domain);
        }
        account.client().publish(subject, null, null, JsJson.bytes(n));
    }

    @Override
    public void onRequest(ApiRequest request, byte[] response) {
        AccountStreams account = request.account();
        if (!hasInterest(account, API_AUDIT)) {
            return;
        }
        ObjectNode n = event(API_AUDIT_TYPE);
        n.put("server", serverName);
        n.putObject("client").put("acc", account.account().name());
        n.put("subject", request.subject());
        if (request.payload().length > 0) {
            n.put("request", new String(request.payload(), StandardCharsets.UTF_8));
        }
        n.put("response", new String(response, StandardCharsets.UTF_8));
        if (!domain.isEmpty()) {
            n.put("domain", domain);
        }
        account.client().publish(API_AUDIT, null, null, JsJson.bytes(n));
    }

    /** @return the JetStream domain, "" for none */
    String domain() {
        return domain;
    }

    /**
     * Publishes an advisory in the account when someone listens.
     *
     * @param account the account
     * @param subject the advisory subject
     * @param event   the event, from {@link #event}, filled
     */
    void publish(AccountStreams account, String subject, ObjectNode event) {
        if (!domain.isEmpty()) {
            event.put("domain", domain);
        }
        if (hasInterest(account, subject)) {
            account.client().publish(subject, null, null, JsJson.bytes(event));
        }
    }

    private static boolean hasInterest(AccountStreams account, String subject) {
        var r = account.account().sublist().match(subject);
        return r != null && !r.isEmpty();
    }

    ObjectNode event(String type) {
        ObjectNode n = JsJson.object();
        n.put("type", type);
        n.put("id", nextId());
        n.put("timestamp", GoTime.format(GoTime.nowNanos()));
        return n;
    }

    String nextId() {
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < ID_LENGTH; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
