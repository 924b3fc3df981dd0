package io.jnatsd.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Twin of {@code isClientAuthorized} in {@code server/auth.go}, for tokens, the single user
 * and the users list: decides from a CONNECT's {@code user}, {@code pass} and
 * {@code auth_token} whether the client is let in. Secrets are compared in constant time
 * (for a given length), as the reference's {@code comparePasswords} does.
 *
 * <p>Immutable; thread-safe.
 */
public final class Authenticator {

    private final AuthOptions options;
    private final boolean required;
    private final Map<String, String> passwordsByUser = new HashMap<>();

    public Authenticator(AuthOptions options) {
        this.options = options;
        this.required = options.required();
        for (AuthOptions.User u : options.users()) {
            passwordsByUser.put(u.user(), u.password() == null ? "" : u.password());
        }
    }

    /** Whether clients must authenticate; INFO says {@code auth_required} then. Thread-safe. */
    public boolean required() {
        return required;
    }

    /** How long a client may take to send CONNECT when {@link #required()}. Thread-safe. */
    public long timeoutNanos() {
        return options.timeout().toNanos();
    }

    /**
     * The user that {@code no_auth_user} names, which a client that sends no credentials (or
     * no CONNECT before its first op) is taken for; null when there is none. Thread-safe.
     */
    public String noAuthUser() {
        String name = options.noAuthUser();
        return name != null && passwordsByUser.containsKey(name) ? name : null;
    }

    /**
     * Checks a client's credentials. Null and empty mean "not sent". Thread-safe.
     *
     * @return the name the client is known by ({@code ""} for a token), or empty when it is refused
     */
    public Optional<String> authenticate(String user, String password, String token) {
        if (!required) {
            return Optional.of(orEmpty(user));
        }
        if (!passwordsByUser.isEmpty()) {
            return authenticateListed(orEmpty(user), orEmpty(password), orEmpty(token));
        }
        if (notEmpty(options.token())) {
            return secretsEqual(options.token(), token) ? Optional.of("") : Optional.empty();
        }
        boolean nameOk = secretsEqual(options.user(), user);
        boolean passwordOk = secretsEqual(options.password(), password);
        return nameOk && passwordOk ? Optional.of(options.user()) : Optional.empty();
    }

    private Optional<String> authenticateListed(String user, String password, String token) {
        String noAuth = noAuthUser();
        if (noAuth != null && user.isEmpty() && password.isEmpty() && token.isEmpty()) {
            return Optional.of(noAuth);
        }
        String expected = passwordsByUser.get(user);
        if (user.isEmpty() || expected == null) {
            return Optional.empty();
        }
        return secretsEqual(expected, password) ? Optional.of(user) : Optional.empty();
    }

    /**
     * Constant time for equal lengths, as Go's {@code subtle.ConstantTimeCompare}, or a bcrypt
     * check when {@code expected} is a hash ({@link Passwords}); null is "".
     */
    static boolean secretsEqual(String expected, String given) {
        return Passwords.matches(expected, given);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
