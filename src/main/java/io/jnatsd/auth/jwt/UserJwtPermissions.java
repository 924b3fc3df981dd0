package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.Permissions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Twin of the permission part of {@code buildInternalNkeyUser} in {@code server/auth.go}: the
 * {@code pub}, {@code sub} and {@code resp} of a user JWT's {@code nats} section as
 * {@link Permissions}. Stateless.
 */
public final class UserJwtPermissions {

    private UserJwtPermissions() {
    }

    /** The rules of {@code nats}, or an empty {@link Permissions} (nothing checked) when it has none. */
    public static Permissions of(JsonNode nats) {
        Permissions.SubjectPermission pub = subjects(nats.path("pub"));
        Permissions.SubjectPermission sub = subjects(nats.path("sub"));
        Permissions.ResponsePermission resp = null;
        JsonNode r = nats.path("resp");
        if (r.isObject()) {
            int max = r.path("max").asInt(0);
            long ttlNanos = r.path("ttl").asLong(0);
            resp = new Permissions.ResponsePermission(max == 0 ? Permissions.RESPONSE_MAX_MSGS_DEFAULT : max,
                    ttlNanos == 0 ? Permissions.RESPONSE_EXPIRES_DEFAULT : Duration.ofNanos(ttlNanos));
            if (pub == null || pub.allow() == null) {
                // As validateResponsePermissions: only replies may be published then.
                pub = new Permissions.SubjectPermission(List.of(), pub == null ? List.of() : pub.deny());
            }
        }
        return new Permissions(pub, sub, resp);
    }

    private static Permissions.SubjectPermission subjects(JsonNode p) {
        List<String> allow = strings(p.path("allow"));
        List<String> deny = strings(p.path("deny"));
        if (allow.isEmpty() && deny.isEmpty()) {
            return null;
        }
        return new Permissions.SubjectPermission(allow.isEmpty() ? null : allow, deny);
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
