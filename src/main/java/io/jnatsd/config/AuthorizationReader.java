package io.jnatsd.config;

import io.jnatsd.auth.AuthOptions;
import io.jnatsd.auth.Permissions;
import io.jnatsd.auth.NKeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code parseAuthorization} and {@code parseUsers} in {@code server/opts.go}, for the
 * plain mechanisms: reads an {@code authorization} block (token, user and password, a users
 * list with permissions, default permissions, timeout) into {@link AuthOptions} and a map of
 * each user's {@link Permissions}.
 *
 * <p>What jnatsd has not built (connection types,
 * proxy requirements) is refused rather than ignored, since ignoring it would let clients in
 * that the operator meant to keep out. Error messages never quote a secret.
 */
final class AuthorizationReader {

    /** Keys of the block whose feature is not built. */
    static final Set<String> REFUSED_BLOCK_KEYS = Set.of("auth_hook", "proxy_required");
    /** Keys of a users entry whose feature is not built. */
    static final Set<String> REFUSED_USER_KEYS = Set.of("allowed_connection_types", "connection_types", "clients",
            "proxy_required");
    /** A timeout above this many seconds draws the reference's warning. */
    static final double TIMEOUT_WARN_SECONDS = 60;

    private AuthorizationReader() {
    }

    /**
     * Reads the block {@code v} over {@code base} (which may hold a {@code no_auth_user} read before).
     *
     * @param warnings where a warning about the timeout goes
     */
    static AuthOptions read(ConfValue v, AuthOptions base, List<String> warnings) throws ConfException {
        return read(v, base, warnings, new HashMap<>());
    }

    /**
     * As {@link #read(ConfValue, AuthOptions, List)}, and puts each listed user's permissions
     * (the block's {@code default_permissions} for users without their own) in {@code permissions}.
     */
    static AuthOptions read(ConfValue v, AuthOptions base, List<String> warnings, Map<String, Permissions> permissions)
            throws ConfException {
        String token = null;
        Permissions defaults = null;
        String user = null;
        String password = null;
        List<AuthOptions.User> users = null;
        List<AuthOptions.NkeyUser> nkeys = new ArrayList<>();
        Duration timeout = null;
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            ConfValue value = e.getValue();
            switch (key) {
                case "user", "username" -> user = ServerOptionsReader.string(value);
                case "pass", "password" -> password = secret(value);
                case "token" -> token = secret(value);
                case "timeout" -> timeout = timeout(value, warnings);
                case "users" -> users = users(value, nkeys, permissions);
                case "default_permission", "default_permissions", "permissions" ->
                        defaults = PermissionsReader.read(value);
                case AuthCalloutReader.KEY -> {
                    // Read by AuthCalloutReader, for the top-level block only.
                }
                default -> refuse(key, e.getKey(), value, REFUSED_BLOCK_KEYS, "authorization");
            }
        }
        if ((user != null || password != null) && token != null) {
            throw new ConfException(v.reportPosition(), "Cannot have a user/pass and token", "authorization");
        }
        if (users != null && users.isEmpty() && !nkeys.isEmpty()) {
            users = null;
        }
        if (users != null && user != null) {
            throw new ConfException(v.reportPosition(), "Can not have a single user/pass and a users array",
                    "authorization");
        }
        if (users != null && token != null) {
            throw new ConfException(v.reportPosition(), "Can not have a token and a users array", "authorization");
        }
        applyDefaults(users, defaults, permissions);
        for (AuthOptions.NkeyUser k : nkeys) {
            if (defaults != null) {
                permissions.putIfAbsent(k.nkey(), defaults);
            }
        }
        return new AuthOptions(token, user, password, users == null ? List.of() : users, nkeys, base.noAuthUser(),
                timeout == null ? AuthOptions.TIMEOUT_DEFAULT : timeout);
    }

    private static void refuse(String key, String rawKey, ConfValue value, Set<String> refused, String where)
            throws ConfException {
        if (value.isUsedAsVariable()) {
            return;
        }
        if (refused.contains(key)) {
            throw new ConfException(value.reportPosition(), "\"" + rawKey + "\" in " + where
                    + " is not supported by this build of jnatsd yet", rawKey);
        }
        throw new ConfException(value.reportPosition(), "unknown field \"" + rawKey + "\" in " + where, rawKey);
    }

    /** A password or token: a string, never quoted back in an error. */
    private static String secret(ConfValue v) throws ConfException {
        if (v.plain() instanceof String s) {
            return s;
        }
        if (v.plain() instanceof Number n) {
            return n.toString();
        }
        throw new ConfException(v.reportPosition(), "expected a string, got " + v.typeName(), null);
    }

    /** Seconds as an integer or a float, or a duration string, as the reference reads {@code timeout}. */
    private static Duration timeout(ConfValue v, List<String> warnings) throws ConfException {
        double seconds;
        Object plain = v.plain();
        if (plain instanceof Long n) {
            seconds = n;
        } else if (plain instanceof Double d) {
            seconds = d;
        } else if (plain instanceof String) {
            seconds = ConfDurations.fromValue(v, "authorization config, 'timeout'").toNanos() / 1e9;
        } else {
            throw new ConfException(v.reportPosition(), "error parsing authorization config, 'timeout' wrong type",
                    String.valueOf(plain));
        }
        if (seconds > TIMEOUT_WARN_SECONDS) {
            warnings.add(v.reportPosition() + ": timeout of " + plain + " (" + seconds + " seconds) is high,"
                    + " consider keeping it under 60 seconds. possibly caused by unquoted duration;"
                    + " use '1m' instead of 1m, for example");
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /** Gives {@code defaults} to each of {@code users} without permissions of its own. */
    static void applyDefaults(List<AuthOptions.User> users, Permissions defaults, Map<String, Permissions> permissions) {
        if (users == null || defaults == null) {
            return;
        }
        for (AuthOptions.User u : users) {
            permissions.putIfAbsent(u.user(), defaults);
        }
    }

    /**
     * Reads a users list; each user's own permissions go into {@code permissions} (an nkey user's under its
     * key), and entries with an nkey go to {@code nkeys}, as {@code parseUsers} splits them.
     */
    static List<AuthOptions.User> users(ConfValue v, List<AuthOptions.NkeyUser> nkeys,
                                        Map<String, Permissions> permissions) throws ConfException {
        if (!v.isList()) {
            throw new ConfException(v.reportPosition(), "Expected users field to be an array, got " + v.typeName(),
                    "users");
        }
        List<AuthOptions.User> users = new ArrayList<>();
        for (ConfValue entry : v.asList()) {
            if (!entry.isMap()) {
                throw new ConfException(entry.reportPosition(), "Expected user entry to be a map/struct, got "
                        + entry.typeName(), null);
            }
            Object u = user(entry, permissions);
            if (u instanceof AuthOptions.NkeyUser k) {
                nkeys.add(k);
            } else {
                users.add((AuthOptions.User) u);
            }
        }
        for (int i = 0; i < users.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (users.get(i).user().equals(users.get(j).user())) {
                    throw new ConfException(v.reportPosition(), "Duplicate user \"" + users.get(i).user()
                            + "\" detected", users.get(i).user());
                }
            }
        }
        return users;
    }

    /** An {@link AuthOptions.User} or, when the entry has an nkey, an {@link AuthOptions.NkeyUser}. */
    private static Object user(ConfValue entry, Map<String, Permissions> permissions) throws ConfException {
        String name = null;
        String password = null;
        String nkey = null;
        Permissions perms = null;
        for (Map.Entry<String, ConfValue> e : entry.asMap().entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            switch (key) {
                case "user", "username" -> name = ServerOptionsReader.string(e.getValue());
                case "pass", "password" -> password = secret(e.getValue());
                case "permission", "permissions", "authorization" -> perms = PermissionsReader.read(e.getValue());
                case "nkey" -> nkey = ServerOptionsReader.string(e.getValue());
                default -> refuse(key, e.getKey(), e.getValue(), REFUSED_USER_KEYS, "a users entry");
            }
        }
        if (nkey != null && !nkey.isEmpty()) {
            if (!NKeys.isValidPublicUserKey(nkey)) {
                throw new ConfException(entry.reportPosition(), "Not a valid public nkey for a user", nkey);
            }
            if (name != null && !name.isEmpty() || password != null && !password.isEmpty()) {
                throw new ConfException(entry.reportPosition(), "Nkey users do not take usernames or passwords", nkey);
            }
            if (perms != null) {
                permissions.put(nkey, perms);
            }
            return new AuthOptions.NkeyUser(nkey);
        }
        if (name == null || name.isEmpty()) {
            throw new ConfException(entry.reportPosition(), "User entry requires a user", null);
        }
        if (perms != null) {
            permissions.put(name, perms);
        }
        return new AuthOptions.User(name, password);
    }
}
