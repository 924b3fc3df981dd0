package io.jnatsd.auth.callout;

import io.jnatsd.account.Account;
import io.jnatsd.account.Subscription;
import io.jnatsd.auth.AuthOptions;
import io.jnatsd.auth.ClientCredentials;
import io.jnatsd.auth.DeferredCheck;
import io.jnatsd.auth.Identity;
import io.jnatsd.auth.NKeys;
import io.jnatsd.auth.Permissions;
import io.jnatsd.auth.XKeys;
import io.jnatsd.auth.jwt.Jwt;
import io.jnatsd.auth.jwt.JwtAuthenticator;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Twin of {@code server/auth_callout.go}: a client the callout decides on is described in a
 * request JWT signed by the server and sent on {@code $SYS.REQ.USER.AUTH} in the callout account;
 * the service answers with a response JWT carrying a user JWT that places the client in an
 * account with its permissions and limits. No answer within the auth timeout, or a bad one,
 * refuses the client with 'Authorization Violation' (the reason goes to the log only). The
 * callout is on with {@code authorization { auth_callout { } }} ({@link ConfiguredCallout}) or,
 * in operator mode, for each account whose JWT has an {@code authorization} claim
 * ({@link OperatorCallout}).
 *
 * <p>Design note: the reference blocks the client's read loop on a channel; here the client's
 * parser pauses (its input is held) and the answer is applied on its event loop, so no I/O
 * thread ever waits. Answers arrive on one wildcard reply subscription per callout account and
 * are matched to the pending request by the reply's last token.
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
    /** Each callout account's internal connection, subscribed to the replies. */
    private final Map<String, InternalConnection> channels = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile NatsServer server;
    private volatile CalloutMode mode;
    private String replyPrefix;

    /** One request waiting for its answer. */
    private record Pending(String userNkey, CalloutMode.Target target, CompletableFuture<Optional<Identity>> answer) {
    }

    @Override
    public synchronized boolean start(NatsServer server) {
        AuthCalloutOptions o = server.options().authCallout();
        JwtAuthenticator jwt = server.jwtAuthenticator();
        if (o == null && jwt == null) {
            return false;
        }
        this.server = server;
        if (o != null) {
            if (server.accountRegistry().lookup(o.account()) == null) {
                LOG.error("Authorization callout account \"{}\" not valid", o.account());
                return false;
            }
            checkAuthUsers(server.options().auth(), o);
            mode = new ConfiguredCallout(o, server.accountRegistry());
        } else {
            mode = new OperatorCallout(jwt.accounts(), Clock.systemDefaultZone());
        }
        replyPrefix = "_INBOX." + token() + ".";
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
        return mode.decides(credentials, configured);
    }

    @Override
    public String eventAccount(ClientCredentials credentials) {
        CalloutMode.Target t = mode.target(credentials);
        return t == null ? null : t.account();
    }

    @Override
    public CompletableFuture<Optional<Identity>> check(ClientCredentials credentials, ClientDescription client) {
        CompletableFuture<Optional<Identity>> answer = new CompletableFuture<>();
        NatsServer s = server;
        CalloutMode.Target target = mode.target(credentials);
        InternalConnection channel = target == null ? null : channel(target.account());
        if (channel == null) {
            LOG.warn("Client not mapped to a callout account");
            answer.complete(Optional.empty());
            return answer;
        }
        long timeoutNanos = s.options().auth().timeout().toNanos();
        String userNkey = newUserKey();
        String token = token();
        pending.put(token, new Pending(userNkey, target, answer));
        // An answer removes its request before completing it: one still pending at completion timed out.
        answer.completeOnTimeout(Optional.empty(), timeoutNanos, TimeUnit.NANOSECONDS)
                .whenComplete((who, e) -> {
                    if (pending.remove(token) != null) {
                        LOG.debug("Authorization callout response not received in time on account \"{}\"",
                                target.account());
                    }
                });
        ServerInfo info = s.info();
        XKeys x = target.serviceXkey() == null ? null : s.xkeys();
        AuthorizationRequest.Server self = new AuthorizationRequest.Server(
                info == null ? s.serverId() : info.serverName(), s.options().host(), ServerInfo.REFERENCE_VERSION,
                x == null ? null : x.publicKey());
        long expiresAt = (System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)) / 1000;
        String request = AuthorizationRequest.encode(s.serverKey(), self, target.requestSubject(), userNkey,
                credentials, client, expiresAt);
        byte[] body = request.getBytes(StandardCharsets.UTF_8);
        byte[] headers = null;
        if (x != null) {
            try {
                body = x.seal(body, target.serviceXkey());
            } catch (java.security.GeneralSecurityException e) {
                LOG.warn("Error encrypting auth request claim on account \"{}\": {}", target.account(), e.getMessage());
                answer.complete(Optional.empty());
                return answer;
            }
            headers = (XKEY_HEADER_LINE + x.publicKey() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        channel.publish(SUBJECT, replyPrefix + token, headers, body);
        return answer;
    }

    /** The internal connection of {@code accountName}, subscribed to the replies; null when no such account. */
    private InternalConnection channel(String accountName) {
        return channels.computeIfAbsent(accountName, name -> {
            Account account = server.accountRegistry().lookup(name);
            if (account == null && mode instanceof OperatorCallout) {
                account = server.registerAccount(name);
            }
            if (account == null) {
                return null;
            }
            InternalConnection c = server.createInternalConnection(account);
            c.subscribe(replyPrefix + "*", null, this::onReply);
            return c;
        });
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
        CalloutMode.Target target = p.target();
        String response = new String(payload, StandardCharsets.UTF_8);
        boolean encrypted = false;
        if (target.serviceXkey() != null && !response.isEmpty() && !response.startsWith(JWT_PREFIX)) {
            try {
                response = new String(server.xkeys().open(payload, target.serviceXkey()), StandardCharsets.UTF_8);
                encrypted = true;
            } catch (java.security.GeneralSecurityException e) {
                LOG.warn("Error decrypting auth callout response on account \"{}\": {}", target.account(),
                        e.getMessage());
                return Optional.empty();
            }
        }
        long now = System.currentTimeMillis() / 1000;
        try {
            Jwt checked = AuthorizationResponse.response(response, p.userNkey(), server.serverId(), target.account(),
                    now);
            Identity who = mode.user(checked, encrypted, target, p.userNkey(), now);
            return Optional.of(target.account().equals(who.account()) ? denyCalloutSubject(who) : who);
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
        channels.clear();
        pending.values().forEach(p -> p.answer().complete(Optional.empty()));
        pending.clear();
    }
}
