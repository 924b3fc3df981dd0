package io.jnatsd.server;

import io.jnatsd.auth.ClientCredentials;
import io.jnatsd.auth.DeferredCheck;
import io.jnatsd.auth.Identity;
import io.jnatsd.auth.UserLimits;
import io.jnatsd.protocol.ProtocolErrors;
import io.jnatsd.protocol.ProtocolHandler;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What happens to a client between the credentials of its CONNECT and its being in, apart from
 * the account binding: the limits of its user JWT (the reference's {@code RegisterUser} limits
 * and {@code setExpiration}), and the wait for a {@link DeferredCheck} (the auth callout's
 * {@code processClientOrLeafCallout}), during which its input is held.
 *
 * <p>Stateless; each method says on which thread it runs.
 */
final class ConnectAdmission {

    private ConnectAdmission() {
    }

    /** Applies the limits a user JWT carries. Event loop only. */
    static void applyUserLimits(ClientConnection c, Identity who) {
        UserLimits limits = who.limits();
        if (limits == null) {
            return;
        }
        if (limits.maxSubscriptions() >= 0) {
            c.lowerSubscriptionLimit(limits.maxSubscriptions());
        }
        if (limits.maxPayloadBytes() >= 0) {
            c.parser().setMaxPayload((int) Math.min(c.server().options().maxPayload(), limits.maxPayloadBytes()));
        }
        if (limits.expiresAt() != null) {
            long inNanos = Math.max(0, Duration.between(Instant.now(), limits.expiresAt()).toNanos());
            c.channel().eventLoop().schedule(() -> onAuthExpired(c), inNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The user JWT expired: the reference's {@code authExpired}. Event loop only. */
    private static void onAuthExpired(ClientConnection c) {
        if (!c.state().closed()) {
            c.closeWithError(ProtocolErrors.AUTHENTICATION_EXPIRED, "Authentication Expired");
        }
    }

    /**
     * Hands the decision on {@code c} to {@code check}; its input waits (the parser pauses) until
     * the answer is applied on its event loop. Event loop only.
     *
     * @return {@link ProtocolHandler#PAUSE}
     */
    static int askDeferred(ClientConnection c, DeferredCheck check, ClientCredentials credentials) {
        DeferredCheck.ClientDescription about = describe(c);
        check.check(credentials, about).whenComplete((who, error) ->
                c.channel().eventLoop().execute(() -> onAnswer(c, error == null ? who : Optional.empty(),
                        () -> check.eventAccount(credentials))));
        return ProtocolHandler.PAUSE;
    }

    /**
     * The deferred check answered: let the client in or refuse it (the account the check ran in is
     * told, as the reference's {@code sendAccountAuthErrorEvent}), then read its held input.
     */
    private static void onAnswer(ClientConnection c, Optional<Identity> who, Supplier<String> eventAccount) {
        if (c.state().closed()) {
            return;
        }
        int status;
        if (who == null || who.isEmpty()) {
            String account = eventAccount.get();
            if (account != null) {
                c.server().onClientAuthFailure(c, account);
            }
            status = c.authViolation(c.connectOptions());
        } else {
            status = c.admit(who.get()) ? c.finishConnect() : ProtocolHandler.STOP;
        }
        c.flushes().flushAll();
        if (status != ProtocolHandler.STOP && !c.state().closed()) {
            c.channel().pipeline().fireUserEventTriggered(ClientProtocolHandler.RESUME_INPUT);
        }
    }

    private static DeferredCheck.ClientDescription describe(ClientConnection c) {
        ConnectOptions o = c.connectOptions();
        String tlsVersion = null;
        String tlsCipher = null;
        SslHandler ssl = c.channel().pipeline().get(SslHandler.class);
        if (ssl != null) {
            SSLSession session = ssl.engine().getSession();
            tlsVersion = goVersion(session.getProtocol());
            tlsCipher = session.getCipherSuite();
        }
        return new DeferredCheck.ClientDescription(c.connectionId(), c.clientIp(), o.name, o.lang, o.version, (int) o.protocol,
                tlsVersion, tlsCipher);
    }

    /** {@code TLSv1.3} as Go's {@code tlsVersion} names it: {@code 1.3}. */
    private static String goVersion(String jdkName) {
        return jdkName != null && jdkName.startsWith("TLSv") ? jdkName.substring("TLSv".length()) : jdkName;
    }
}
