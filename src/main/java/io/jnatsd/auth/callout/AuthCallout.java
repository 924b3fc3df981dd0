package io.jnatsd.auth.callout;

import io.jnatsd.account.Account;
import io.jnatsd.account.Accounts;
import io.jnatsd.account.Subscription;
import io.jnatsd.auth.AuthOptions;
import io.jnatsd.auth.ClientCredentials;
import io.jnatsd.auth.DeferredCheck;
import io.jnatsd.auth.Identity;
import io.jnatsd.auth.NKeys;
import io.jnatsd.auth.Permissions;
import io.jnatsd.server.InternalConnection;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ServerInfo;
import io.jnatsd.server.ServerModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.EdECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Twin of {@code server/auth_callout.go} for the server-configured callout
 * ({@code authorization { auth_callout { issuer, account, auth_users } }}): a client that is not
 * one of {@code auth_users} is described in a request JWT signed by the server and sent on
 * {@code $SYS.REQ.USER.AUTH} in the callout account; the service answers with a response JWT
 * signed by the issuer account, carrying a user JWT that places the client in an account with
 * its permissions and limits. No answer within the auth timeout, or a bad one, refuses the
 * client with 'Authorization Violation' (the reason goes to the log only).
 *
 * <p>Design note: the reference blocks the client's read loop on a channel; here the client's
 * parser pauses (its input is held) and the answer is applied on its event loop, so no I/O
 * thread ever waits. Answers arrive on one wildcard reply subscription and are matched to the
 * pending request by the reply's last token.
 *
 * <p>Thread-safe; started once before clients are accepted.
 */
public final class AuthCallout implements ServerModule, DeferredCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AuthCallout.class);

    /** The reference's {@code AuthCalloutSubject}. */
    public static final String SUBJECT = "$SYS.REQ.USER.AUTH";
    private static final char[] TOKEN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();
    private static final int TOKEN_LENGTH = 22;
    /** The reference's {@code AuthRequestXKeyHeader}, in a NATS header block. */
    static final String XKEY_HEADER = "Nats-Server-Xkey";
    private static final String XKEY_HEADER_LINE = "NATS/1.0\r\n" + XKEY_HEADER + ": ";
    /** How a JWT starts; an encrypted response does not. */
    private static final String JWT_PREFIX = "eyJ";

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile NatsServer server;
    private volatile AuthCalloutOptions options;
    private volatile InternalConnection connection;
    private volatile Subscription replies;
    private String replyPrefix;
    /** The server's curve keys when the service asked for encryption ({@code xkey}), else null. */
    private volatile XKeys xkeys;

    /** One request waiting for its answer. */
    private record Pending(String userNkey, CompletableFuture<Optional<Identity>> answer) {
    }

    @Override
    public synchronized boolean start(NatsServer server) {
        AuthCalloutOptions o = server.options().authCallout();
        if (o == null) {
            return false;
        }
        this.server = server;
        this.options = o;
        Account account = server.accountRegistry().lookup(o.account());
        if (account == null) {
            LOG.error("Authorization callout account \"{}\" not valid", o.account());
            return false;
        }
        checkAuthUsers(server.options().auth(), o);
        xkeys = o.xkey() == null ? null : XKeys.generate();
        connection = server.createInternalConnection(account);
        replyPrefix = "_INBOX." + token() + ".";
        replies = connection.subscribe(replyPrefix + "*", null, this::onReply);
        server.installDeferredCheck(this);
        return true;
    }

    /** The reference logs, and does not refuse, auth users that are no configured user. */
    private static void checkAuthUsers(AuthOptions auth, AuthCalloutOptions o) {
        for (String u : o.authUsers()) {
            boolean found = auth.users().stream().anyMatch(x -> x.user().equals(u))
                    || auth.nkeys().stream().anyMatch(k -> k.nkey().equals(u));
            if (!found) {
                LOG.error("Authorization callout user \"{}\" not valid", u);
            }
        }
    }

    @Override
    public boolean decides(ClientCredentials credentials, Optional<Identity> configured) {
        AuthCalloutOptions o = options;
        String user = AuthorizationRequest.rawUser(credentials);
        if (user != null && o.authUsers().contains(user)) {
            return false;
        }
        if (o.allowedAccounts().isEmpty() || configured.isEmpty()) {
            return true;
        }
        Account bound = server.accountRegistry().accountOf(configured.get().name());
        String name = bound == null ? Account.GLOBAL_ACCOUNT_NAME : bound.name();
        return name.equals(Account.GLOBAL_ACCOUNT_NAME) || o.allowedAccounts().contains(name);
    }

    @Override
    public CompletableFuture<Optional<Identity>> check(ClientCredentials credentials, ClientDescription client) {
        CompletableFuture<Optional<Identity>> answer = new CompletableFuture<>();
        NatsServer s = server;
        AuthCalloutOptions o = options;
        long timeoutNanos = s.options().auth().timeout().toNanos();
        String userNkey = newUserKey();
        String token = token();
        pending.put(token, new Pending(userNkey, answer));
        // An answer removes its request before completing it: one still pending at completion timed out.
        answer.completeOnTimeout(Optional.empty(), timeoutNanos, TimeUnit.NANOSECONDS)
                .whenComplete((who, e) -> {
                    if (pending.remove(token) != null) {
                        LOG.debug("Authorization callout response not received in time on account \"{}\"",
                                o.account());
                    }
                });
        ServerInfo info = s.info();
        XKeys x = xkeys;
        AuthorizationRequest.Server self = new AuthorizationRequest.Server(
                info == null ? s.serverId() : info.serverName(), s.options().host(), ServerInfo.REFERENCE_VERSION,
                x == null ? null : x.publicKey());
        long expiresAt = (System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)) / 1000;
        String request = AuthorizationRequest.encode(s.serverKey(), self, o.issuer(), userNkey, credentials, client,
                expiresAt);
        byte[] body = request.getBytes(StandardCharsets.UTF_8);
        byte[] headers = null;
        if (x != null) {
            try {
                body = x.seal(body, o.xkey());
            } catch (java.security.GeneralSecurityException e) {
                LOG.warn("Error encrypting auth request claim on account \"{}\": {}", o.account(), e.getMessage());
                answer.complete(Optional.empty());
                return answer;
            }
            headers = (XKEY_HEADER_LINE + x.publicKey() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        connection.publish(SUBJECT, replyPrefix + token, headers, body);
        return answer;
    }

    /** An answer arrived (publisher's thread): the checks run on another thread. */
    private void onReply(Subscription sub, String subject, String reply, byte[] headers, byte[] payload) {
        String token = subject.substring(replyPrefix.length());
        Pending p = pending.remove(token);
        if (p == null) {
            return;
        }
        CompletableFuture.runAsync(() -> p.answer().complete(decide(p, payload)));
    }

    private Optional<Identity> decide(Pending p, byte[] payload) {
        AuthCalloutOptions o = options;
        String response = new String(payload, StandardCharsets.UTF_8);
        XKeys x = xkeys;
        if (x != null && !response.isEmpty() && !response.startsWith(JWT_PREFIX)) {
            try {
                response = new String(x.open(payload, o.xkey()), StandardCharsets.UTF_8);
            } catch (java.security.GeneralSecurityException e) {
                LOG.warn("Error decrypting auth callout response on account \"{}\": {}", o.account(), e.getMessage());
                return Optional.empty();
            }
        }
        Accounts accounts = server.accountRegistry();
        AuthorizationResponse.Expected want = new AuthorizationResponse.Expected(p.userNkey(), server.serverId(),
                o.issuer(), o.account(), name -> !name.isEmpty() && accounts.lookup(name) != null);
        try {
            Identity who = AuthorizationResponse.verify(response, want, System.currentTimeMillis() / 1000);
            return Optional.of(o.account().equals(who.account()) ? denyCalloutSubject(who) : who);
        } catch (CalloutException e) {
            LOG.warn("{}", titleCase(e.getMessage()));
            return Optional.empty();
        }
    }

    /** A user placed in the callout account may not publish requests to the callout itself. */
    private static Identity denyCalloutSubject(Identity who) {
        Permissions p = who.permissions();
        Permissions.SubjectPermission pub = p.publish();
        List<String> deny = new ArrayList<>(pub == null ? List.of() : pub.deny());
        deny.add(SUBJECT);
        Permissions merged = new Permissions(new Permissions.SubjectPermission(pub == null ? null : pub.allow(), deny),
                p.subscribe(), p.response());
        return new Identity(who.name(), who.account(), who.limits(), merged);
    }

    private static String titleCase(String m) {
        return m.isEmpty() ? m : Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }

    /** A fresh user public key the response must be about (the reference's replay protection). */
    private static String newUserKey() {
        try {
            EdECPublicKey key = (EdECPublicKey) KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
            return NKeys.encode(NKeys.PREFIX_USER, NKeys.rawPublicKey(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    private String token() {
        char[] out = new char[TOKEN_LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = TOKEN_CHARS[random.nextInt(TOKEN_CHARS.length)];
        }
        return new String(out);
    }

    @Override
    public synchronized void stop() {
        InternalConnection c = connection;
        if (c != null && replies != null) {
            c.unsubscribe(replies);
        }
        pending.values().forEach(p -> p.answer().complete(Optional.empty()));
        pending.clear();
    }
}
