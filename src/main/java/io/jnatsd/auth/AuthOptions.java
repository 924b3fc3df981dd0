package io.jnatsd.auth;

import java.time.Duration;
import java.util.List;

/**
 * How clients prove who they are, for the plain mechanisms of the reference
 * ({@code Options.Authorization}, {@code Username}/{@code Password}, {@code Users},
 * {@code NoAuthUser} and {@code AuthTimeout} in {@code server/opts.go}). Immutable.
 *
 * <p>At most one mechanism decides: a {@code users} list first, then a token, then the single
 * user and password, as {@code isClientAuthorized} tries them. {@link #toString()} never
 * shows a secret.
 *
 * @param token      the token a client must send as {@code auth_token}, or null
 * @param user       the single user name, or null
 * @param password   the single user's password, or null
 * @param users      the users list, empty when there is none
 * @param nkeys      the users of the list identified by an nkey, empty when there is none
 * @param noAuthUser the user of the list a client that sends no credentials is taken for, or null
 * @param timeout    how long a client may take to send CONNECT when auth is required
 */
public record AuthOptions(String token, String user, String password, List<User> users, List<NkeyUser> nkeys,
                          String noAuthUser, Duration timeout) {

    /** The reference's AUTH_TIMEOUT. */
    public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(2);
    /** No authentication: every client is let in. */
    public static final AuthOptions NONE = new AuthOptions(null, null, null, List.of(), List.of(), null,
            TIMEOUT_DEFAULT);

    public AuthOptions {
        users = users == null ? List.of() : List.copyOf(users);
        nkeys = nkeys == null ? List.of() : List.copyOf(nkeys);
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? TIMEOUT_DEFAULT : timeout;
    }

    /**
     * One entry of the {@code users} list.
     *
     * @param user     the user name
     * @param password the password, or null for none
     */
    public record User(String user, String password) {
        @Override
        public String toString() {
            return "User[user=" + user + ", password=" + redacted(password) + "]";
        }
    }

    /**
     * A user of the list identified by a public nkey ({@code NkeyUser} in {@code server/auth.go}).
     *
     * @param nkey the user's public nkey ({@code U...})
     */
    public record NkeyUser(String nkey) {
    }

    /** Whether a client must authenticate: the reference's {@code info.AuthRequired}. */
    public boolean required() {
        return !users.isEmpty() || !nkeys.isEmpty() || notEmpty(token) || notEmpty(user);
    }

    public AuthOptions withToken(String newToken) {
        return new AuthOptions(newToken, user, password, users, nkeys, noAuthUser, timeout);
    }

    public AuthOptions withUser(String newUser) {
        return new AuthOptions(token, newUser, password, users, nkeys, noAuthUser, timeout);
    }

    public AuthOptions withPassword(String newPassword) {
        return new AuthOptions(token, user, newPassword, users, nkeys, noAuthUser, timeout);
    }

    public AuthOptions withUsers(List<User> newUsers) {
        return new AuthOptions(token, user, password, newUsers, nkeys, noAuthUser, timeout);
    }

    public AuthOptions withNkeys(List<NkeyUser> newNkeys) {
        return new AuthOptions(token, user, password, users, newNkeys, noAuthUser, timeout);
    }

    public AuthOptions withNoAuthUser(String newNoAuthUser) {
        return new AuthOptions(token, user, password, users, nkeys, newNoAuthUser, timeout);
    }

    public AuthOptions withTimeout(Duration newTimeout) {
        return new AuthOptions(token, user, password, users, nkeys, noAuthUser, newTimeout);
    }

    /**
     * Refuses what the reference refuses at start: a {@code no_auth_user} that names no user
     * of the list ({@code validateNoAuthUser}). Thread-safe.
     *
     * @throws IllegalArgumentException with the reason
     */
    public void validate() {
        if (notEmpty(noAuthUser)) {
            if (users.isEmpty() && nkeys.isEmpty()) {
                throw new IllegalArgumentException("no_auth_user: \"" + noAuthUser
                        + "\" present, but users/nkeys are not defined");
            }
            if (users.stream().noneMatch(u -> noAuthUser.equals(u.user()))
                    && nkeys.stream().noneMatch(k -> noAuthUser.equals(k.nkey()))) {
                throw new IllegalArgumentException("no_auth_user: \"" + noAuthUser
                        + "\" not present as user or nkey in authorization block or account configuration");
            }
        }
    }

    /** Whether {@code secret} looks like a bcrypt hash ({@code $2a$10$...}). */
    public static boolean isBcrypt(String secret) {
        return Passwords.isBcrypt(secret);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static String redacted(String secret) {
        return secret == null ? "null" : "[REDACTED]";
    }

    @Override
    public String toString() {
        return "AuthOptions[token=" + redacted(token) + ", user=" + user + ", password=" + redacted(password)
                + ", users=" + users + ", nkeys=" + nkeys + ", noAuthUser=" + noAuthUser + ", timeout=" + timeout + "]";
    }
}
