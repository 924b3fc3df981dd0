package io.jnatsd.server;

import io.jnatsd.account.Account;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.Subscription;
import io.jnatsd.auth.ClientPermissions;
import io.jnatsd.auth.PublishPermissionCache;
import io.jnatsd.protocol.ProtocolErrors;
import io.jnatsd.protocol.ProtocolHandler;
import io.jnatsd.protocol.PubArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * What an authenticated client is bound to — its account and its compiled permissions — and
 * the checks a {@link ClientConnection} makes with them: twin of {@code registerWithAccount},
 * {@code pubPermissionViolation}, {@code subPermissionViolation}, {@code selectMappedSubject}
 * and the reply grants of {@code deliverMsg} in {@code server/client.go}.
 *
 * @param account      the account the user belongs to
 * @param permissions  its permissions, or null for none
 * @param publishCache its publish-decision cache, or null when publishes are not checked
 */
record ClientBinding(Account account, ClientPermissions permissions, PublishPermissionCache publishCache) {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    /** The reference's ErrTooManyAccountConnections. */
    static final String MAX_ACCOUNT_CONNECTIONS_EXCEEDED = "maximum account active connections exceeded";

    /** The binding of {@code user}: its account (else $G) and its permissions. Thread-safe. */
    static ClientBinding of(Accounts accounts, String user) {
        ClientPermissions perms = ClientPermissions.of(accounts.permissionsOf(user));
        PublishPermissionCache cache = perms != null && perms.checksPublish() ? new PublishPermissionCache(perms) : null;
        return new ClientBinding(accounts.accountOf(user), perms, cache);
    }

    /** This binding with {@code rules} instead of its user's configured permissions (a callout's user JWT). */
    ClientBinding withPermissions(io.jnatsd.auth.Permissions rules) {
        ClientPermissions perms = ClientPermissions.of(rules);
        PublishPermissionCache cache = perms != null && perms.checksPublish() ? new PublishPermissionCache(perms) : null;
        return new ClientBinding(account, perms, cache);
    }

    /** The reference's gateway-routed reply prefix, which no client may publish to. */
    static final String GATEWAY_REPLY_PREFIX = "_GR_.";
    /** Reply prefixes reserved for the server (service imports, JetStream acks, gateways): isReservedReply. */
    private static final String[] RESERVED_REPLY_PREFIXES = {"_R_.", "$JS.ACK.", GATEWAY_REPLY_PREFIX};

    /** Sends the reference's publish violation, logs it and keeps the connection. */
    static int publishViolation(ClientConnection c, PubArgs msg) {
        String subject = msg.subject();
        c.sendError("Permissions Violation for Publish to " + quote(subject));
        LOG.error("{}Publish Violation - {}, Subject {}", c.logPrefix(), authUser(c), quote(subject));
        return ProtocolHandler.CONTINUE;
    }

    /**
     * The checks every client's publish passes whatever its permissions: no publish to a
     * gateway-routed reply subject, no reply subject the server reserves. Cheap: one byte is
     * looked at unless it can start a reserved prefix.
     *
     * @return true when the message was refused (the -ERR is sent, the connection kept)
     */
    static boolean refusesReserved(ClientConnection c, PubArgs msg) {
        if (startsWith(msg.argBuf(), msg.subjectOffset(), msg.subjectLength(), GATEWAY_REPLY_PREFIX)) {
            publishViolation(c, msg);
            return true;
        }
        if (!msg.hasReply()) {
            return false;
        }
        for (String prefix : RESERVED_REPLY_PREFIXES) {
            if (startsWith(msg.argBuf(), msg.replyOffset(), msg.replyLength(), prefix)) {
                String reply = msg.reply();
                c.sendError("Permissions Violation for Publish with Reply of " + quote(reply));
                LOG.error("{}Publish Violation - {}, Reply {}", c.logPrefix(), authUser(c), quote(reply));
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(io.netty.buffer.ByteBuf buf, int offset, int length, String prefix) {
        if (length <= prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf.getByte(offset + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The reference's getAuthUser for the log: {@code User "name"}, or {@code User "N/A"}. */
    private static String authUser(ClientConnection c) {
        String user = c.connectOptions().user;
        return "User " + quote(user == null || user.isEmpty() ? "N/A" : user);
    }

    /** Sends the reference's subscribe violation (naming the queue when there is one) and logs it. */
    static void subscribeViolation(ClientConnection c, String subject, String queue, String sid) {
        if (queue == null) {
            c.sendError("Permissions Violation for Subscription to " + quote(subject));
            LOG.error("{}Subscription Violation - {}, Subject {}, SID {}", c.logPrefix(), authUser(c), quote(subject),
                    sid);
        } else {
            c.sendError("Permissions Violation for Subscription to " + quote(subject) + " using queue "
                    + quote(queue));
            LOG.error("{}Subscription Violation - {}, Subject {}, Queue: {}, SID {}", c.logPrefix(), authUser(c),
                    quote(subject), quote(queue), sid);
        }
    }

    /** The smaller of the server's and the account's limit; 0 or less is none. */
    static int maxSubscriptions(int serverLimit, Account account) {
        int acc = account.limits().maxSubscriptions();
        if (acc <= 0) {
            return serverLimit;
        }
        return serverLimit <= 0 ? acc : Math.min(serverLimit, acc);
    }

    /**
     * Applies the account's limits and mappings to a publish: a message over the account's
     * {@code max_payload} closes the client; a mapped subject gives a new view of the message.
     *
     * @return the message to route, or null when the client was closed
     */
    static PubArgs mapped(ClientConnection c, Account account, PubArgs msg, MsgTrace mt) {
        int maxPayload = account.limits().maxPayload();
        if (maxPayload >= 0 && msg.totalSize() > maxPayload) {
            LOG.error("{}{}: {} > {}", c.logPrefix(), ProtocolErrors.MAX_PAYLOAD_VIOLATION, msg.totalSize(),
                    maxPayload);
            c.sendError(ProtocolErrors.MAX_PAYLOAD_VIOLATION);
            c.close("Maximum Payload");
            return null;
        }
        if (account.mapper() == null) {
            return msg;
        }
        String to = account.mapper().map(msg.subject());
        if (to != null && mt != null) {
            mt.addMapping(to);
        }
        return to == null ? msg : PubArgs.withSubject(msg, to);
    }

    /**
     * A message is about to reach a client with permissions: a subject its deny list forbids is
     * dropped; a request grants the right to reply when {@code allow_responses} is set.
     *
     * @return false when the message must not be delivered
     */
    static boolean onDeliver(ClientPermissions perms, Subscription sub, PubArgs msg) {
        if (sub.deliveryFiltered() && perms.deliveryDenied(msg.subject())) {
            return false;
        }
        if (perms.tracksReplies() && msg.hasReply()) {
            perms.grantReply(msg.reply());
        }
        return true;
    }

    /** Go's {@code %q} for the ASCII subjects of the protocol. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (x & 0xff);
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20 || ch >= 0x7f) {
                b.append(String.format("\\x%02x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
