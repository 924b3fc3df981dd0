package io.jnatsd.config;

import io.jnatsd.auth.AuthOptions;

import java.time.Duration;

/**
 * Twin of {@code validateOptions} in {@code server/server.go}, with the parts of
 * {@code validateWebsocketOptions} and {@code validateMQTTOptions} that look beyond their own
 * block: the checks that need the options as a whole, after the file and the flags are merged.
 * The reference runs them when the server is created; jnatsd also runs them for {@code -t} and on
 * reload. Stateless.
 */
public final class OptionsValidator {

    private OptionsValidator() {
    }

    /**
     * Checks options that are each valid but do not fit together.
     *
     * @throws IllegalArgumentException with the reference's error text
     */
    public static void validate(ServerOptions o) {
        Duration ldm = o.lameDuckDuration();
        if (ldm.isPositive() && o.lameDuckGracePeriod().compareTo(ldm) >= 0) {
            throw new IllegalArgumentException("lame duck grace period (" + go(o.lameDuckGracePeriod())
                    + ") should be strictly lower than lame duck duration (" + go(ldm) + ")");
        }
        if (o.maxPayload() > o.maxPendingBytes()) {
            throw new IllegalArgumentException("max_payload (" + o.maxPayload() + ") cannot be higher than max_pending ("
                    + o.maxPendingBytes() + ")");
        }
        if (o.serverName().contains(" ")) {
            throw new IllegalArgumentException("server name cannot contain spaces");
        }
        o.auth().validate();
        validateWebsocket(o);
        validateMqtt(o);
    }

    private static void validateWebsocket(ServerOptions o) {
        WebsocketOptions ws = o.websocket();
        if (!ws.configured()) {
            return;
        }
        checkNoAuthUser(o.auth(), ws.noAuthUser());
        if (!o.auth().users().isEmpty()) {
            if (notEmpty(ws.user())) {
                throw new IllegalArgumentException(
                        "websocket authentication username not compatible with presence of users/nkeys");
            }
            if (notEmpty(ws.token())) {
                throw new IllegalArgumentException(
                        "websocket authentication token not compatible with presence of users/nkeys");
            }
        }
        if (notEmpty(ws.jwtCookie())) {
            throw new IllegalArgumentException("trusted operators or trusted keys configuration is required for JWT"
                    + " authentication via cookie \"" + ws.jwtCookie() + "\"");
        }
    }

    private static void validateMqtt(ServerOptions o) {
        MqttOptions mqtt = o.mqtt();
        if (!mqtt.configured()) {
            return;
        }
        if (o.serverName().isEmpty() && o.gateway().port() != 0) {
            throw new IllegalArgumentException("mqtt requires server name to be explicitly set");
        }
        checkNoAuthUser(o.auth(), mqtt.noAuthUser());
        if (!o.auth().users().isEmpty()) {
            if (notEmpty(mqtt.user())) {
                throw new IllegalArgumentException(
                        "mqtt authentication username not compatible with presence of users/nkeys");
            }
            if (notEmpty(mqtt.token())) {
                throw new IllegalArgumentException(
                        "mqtt authentication token not compatible with presence of users/nkeys");
            }
        }
        LeafNodeOptions leaf = o.leafNodes();
        if (!o.jetStream() && o.gateway().port() == 0 && leaf.port() == 0 && leaf.remotes().isEmpty()) {
            throw new IllegalArgumentException("mqtt requires JetStream to be enabled if running in standalone mode");
        }
    }

    /** {@code validateNoAuthUser} for the websocket and mqtt blocks' own {@code no_auth_user}. */
    private static void checkNoAuthUser(AuthOptions auth, String noAuthUser) {
        if (!notEmpty(noAuthUser)) {
            return;
        }
        if (auth.users().isEmpty()) {
            throw new IllegalArgumentException("no_auth_user: \"" + noAuthUser
                    + "\" present, but users/nkeys are not defined");
        }
        if (auth.users().stream().noneMatch(u -> noAuthUser.equals(u.user()))) {
            throw new IllegalArgumentException("no_auth_user: \"" + noAuthUser
                    + "\" not present as user or nkey in authorization block or account configuration");
        }
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    /** A duration as Go's {@code %v} prints it: {@code 2m0s}, {@code 10s}, {@code 500ms}. */
    static String go(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 1_000_000_000L != 0 && nanos < 1_000_000_000L) {
            return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : nanos + "ns";
        }
        long secs = d.toSeconds();
        long h = secs / 3600;
        long m = secs / 60 % 60;
        String s = (secs % 60) + (nanos % 1_000_000_000L == 0 ? "" : "." + String.format("%09d", nanos % 1_000_000_000L)
                .replaceAll("0+$", "")) + "s";
        if (h > 0) {
            return h + "h" + m + "m" + s;
        }
        return m > 0 ? m + "m" + s : s;
    }
}
