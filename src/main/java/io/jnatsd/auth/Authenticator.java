package io.jnatsd.auth;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Twin of {@code isClientAuthorized} in {@code server/auth.go}: decides from a client's
 * credentials whether it is let in, trying, as the reference does, a {@link CredentialCheck}
 * (JWTs) when one is plugged in, then nkey users (the nonce signed), then the certificate
 * mapping of {@code verify_and_map}, then tokens, the single user and the users list. Secrets are compared in constant time
 * (for a given length), as the reference's {@code comparePasswords} does.
 *
 * <p>Immutable; thread-safe.
 */
public final class Authenticator {

    private final AuthOptions options;
    private final boolean required;
    private final Map<String, String> passwordsByUser = new HashMap<>();
    private final Set<String> nkeys = new HashSet<>();
    private final boolean tlsMap;
    /** JWT authentication, or null. */
    private final CredentialCheck trusted;

    public Authenticator(AuthOptions options) {
        this(options, false, null);
    }

    /**
     * @param tlsMap  whether users are found from client certificates ({@code verify_and_map})
     * @param trusted the JWT check when operators are trusted, or null; it then decides alone
     */
    public Authenticator(AuthOptions options, boolean tlsMap, CredentialCheck trusted) {
        this.options = options;
        this.tlsMap = tlsMap;
        this.trusted = trusted;
        this.required = options.required() || trusted != null;
        for (AuthOptions.User u : options.users()) {
            passwordsByUser.put(u.user(), u.password() == null ? "" : u.password());
        }
        for (AuthOptions.NkeyUser k : options.nkeys()) {
            nkeys.add(k.nkey());
        }
    }

    /** Whether INFO carries a nonce for the client to sign (nkey users or JWTs). Thread-safe. */
    public boolean needsNonce() {
        return !nkeys.isEmpty() || trusted != null && trusted.needsNonce();
    }

    /**
     * Checks everything a client shows, as {@code processClientOrLeafAuthentication} does.
     * Thread-safe.
     *
     * @return who the client is, or empty when it is refused
     */
    public Optional<Identity> authenticate(ClientCredentials c) {
        if (!required) {
            return Optional.of(Identity.of(orEmpty(c.user())));
        }
        if (trusted != null) {
            return trusted.check(c);
        }
        if (!nkeys.isEmpty()) {
            String nkey = orEmpty(c.nkey());
            String noAuth = options.noAuthUser();
            if (nkey.isEmpty() && noAuth != null && nkeys.contains(noAuth) && orEmpty(c.user()).isEmpty()
                    && orEmpty(c.password()).isEmpty() && orEmpty(c.token()).isEmpty()) {
                return Optional.of(Identity.of(noAuth));
            }
            if (!nkey.isEmpty()) {
                boolean ok = nkeys.contains(nkey)
                        && Nonces.verifySigned(NKeys.PREFIX_USER, nkey, c.nonce(), c.signature());
                return ok ? Optional.of(Identity.of(nkey)) : Optional.empty();
            }
        }
        if (tlsMap && !passwordsByUser.isEmpty()) {
            String mapped = TlsUserMapper.map(c.certificates(), passwordsByUser.keySet());
            return mapped == null ? Optional.empty() : Optional.of(Identity.of(mapped));
        }
        if (passwordsByUser.isEmpty() && !notEmpty(options.token()) && !notEmpty(options.user())) {
            return Optional.empty();
        }
        return authenticate(c.user(), c.password(), c.token()).map(Identity::of);
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
        return name != null && (passwordsByUser.containsKey(name) || nkeys.contains(name)) ? name : null;
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
