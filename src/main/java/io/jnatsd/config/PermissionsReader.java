package io.jnatsd.config;

import io.jnatsd.auth.Permissions;
import io.jnatsd.subject.Subjects;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code parseUserPermissions}, {@code parseVariablePermissions},
 * {@code parseSubjectPermission}, {@code parseAllowResponses} and {@code checkPermSubjectArray}
 * in {@code server/opts.go}: reads a {@code permissions} block into {@link Permissions}.
 */
final class PermissionsReader {

    private PermissionsReader() {
    }

    static Permissions read(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "Expected permissions to be a map/struct, got "
                    + v.typeName(), null);
        }
        Permissions.SubjectPermission pub = null;
        Permissions.SubjectPermission sub = null;
        Permissions.ResponsePermission resp = null;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue value = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "pub", "publish", "import" -> pub = subjectPermission(value, false);
                case "sub", "subscribe", "export" -> sub = subjectPermission(value, true);
                case "publish_allow_responses", "allow_responses" -> resp = responses(value);
                default -> {
                    if (!value.isUsedAsVariable()) {
                        throw new ConfException(value.reportPosition(), "Unknown field \"" + e.getKey()
                                + "\" parsing permissions", e.getKey());
                    }
                }
            }
        }
        if (resp != null && (pub == null || pub.allow() == null)) {
            // The reference turns off the blanket allow: only replies may be published.
            pub = new Permissions.SubjectPermission(List.of(), pub == null ? List.of() : pub.deny());
        }
        return new Permissions(pub, sub, resp);
    }

    private static Permissions.SubjectPermission subjectPermission(ConfValue v, boolean allowQueue)
            throws ConfException {
        if (!v.isMap()) {
            return new Permissions.SubjectPermission(subjects(v, allowQueue), List.of());
        }
        Map<String, ConfValue> m = v.asMap();
        if (m.isEmpty()) {
            return null;
        }
        List<String> allow = null;
        List<String> deny = List.of();
        for (Map.Entry<String, ConfValue> e : m.entrySet()) {
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "allow" -> allow = subjects(e.getValue(), allowQueue);
                case "deny" -> deny = subjects(e.getValue(), allowQueue);
                default -> {
                    if (!e.getValue().isUsedAsVariable()) {
                        throw new ConfException(e.getValue().reportPosition(), "Unknown field name \"" + e.getKey()
                                + "\" parsing subject permissions, only 'allow' or 'deny' are permitted", e.getKey());
                    }
                }
            }
        }
        return new Permissions.SubjectPermission(allow, deny);
    }

    private static List<String> subjects(ConfValue v, boolean allowQueue) throws ConfException {
        List<String> out = new ArrayList<>();
        if (v.plain() instanceof String s) {
            out.add(s);
        } else if (v.isList()) {
            for (ConfValue item : v.asList()) {
                if (!(item.plain() instanceof String s)) {
                    throw new ConfException(item.reportPosition(), "Subject in permissions array cannot be cast to"
                            + " string", null);
                }
                out.add(s);
            }
        } else {
            throw new ConfException(v.reportPosition(), "Expected subject permissions to be a subject, or array of"
                    + " subjects, got " + v.typeName(), null);
        }
        for (String s : out) {
            check(s, allowQueue, v);
        }
        return out;
    }

    private static void check(String s, boolean allowQueue, ConfValue at) throws ConfException {
        if (Subjects.isValidSubject(s)) {
            return;
        }
        String[] parts = s.trim().split("\\s+");
        if (!allowQueue || parts.length != 2) {
            throw new ConfException(at.reportPosition(), "subject \"" + s + "\" is not a valid subject", s);
        }
        if (!Subjects.isValidSubject(parts[0])) {
            throw new ConfException(at.reportPosition(), "subject \"" + parts[0] + "\" is not a valid subject", s);
        }
        if (!Subjects.isValidSubject(parts[1])) {
            throw new ConfException(at.reportPosition(), "queue \"" + parts[1] + "\" is not a valid queue", s);
        }
    }

    private static Permissions.ResponsePermission responses(ConfValue v) throws ConfException {
        if (v.plain() instanceof Boolean b) {
            return b ? Permissions.ResponsePermission.DEFAULT : null;
        }
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "error parsing response permissions, expected a boolean or"
                    + " a map", null);
        }
        int max = Permissions.RESPONSE_MAX_MSGS_DEFAULT;
        Duration expires = Permissions.RESPONSE_EXPIRES_DEFAULT;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue value = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "max", "max_msgs", "max_messages", "max_responses" -> {
                    long n = ServerOptionsReader.integer(value);
                    max = n == 0 ? max : (int) n;
                }
                case "expires", "expiration", "ttl" -> {
                    if (!(value.plain() instanceof String s)) {
                        throw new ConfException(value.reportPosition(), "error parsing expires, not a duration"
                                + " string", null);
                    }
                    Duration d = expiresOf(s, value);
                    expires = d.isZero() ? expires : d;
                }
                default -> {
                    if (!value.isUsedAsVariable()) {
                        throw new ConfException(value.reportPosition(), "Unknown field \"" + e.getKey()
                                + "\" parsing permissions", e.getKey());
                    }
                }
            }
        }
        return new Permissions.ResponsePermission(max, expires);
    }

    private static Duration expiresOf(String text, ConfValue at) throws ConfException {
        try {
            return Duration.ofNanos(ConfDurations.parseNanos(text));
        } catch (IllegalArgumentException e) {
            throw new ConfException(at.reportPosition(), "error parsing expires: " + e.getMessage(), text);
        }
    }
}
