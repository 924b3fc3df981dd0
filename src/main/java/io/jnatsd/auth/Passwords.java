package io.jnatsd.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Twin of {@code comparePasswords} and {@code isBcrypt} in {@code server/auth.go}: checks a
 * client's password or token against the configured one, which is either plain text
 * (compared in constant time) or a bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2x$},
 * {@code $2y$}). Stateless; thread-safe.
 */
public final class Passwords {

    /** What the reference takes for a bcrypt hash: {@code ^\$2[abxy]\$\d{2}\$.*}. */
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[abxy]\\$\\d{2}\\$.*", Pattern.DOTALL);

    private Passwords() {
    }

    /** Whether {@code secret} is stored as a bcrypt hash. */
    public static boolean isBcrypt(String secret) {
        return secret != null && BCRYPT.matcher(secret).matches();
    }

    /**
     * Whether {@code given} matches {@code expected}; null is taken for "". A malformed hash
     * matches nothing.
     */
    public static boolean matches(String expected, String given) {
        String e = expected == null ? "" : expected;
        String g = given == null ? "" : given;
        if (isBcrypt(e)) {
            return bcryptMatches(e, g);
        }
        return MessageDigest.isEqual(e.getBytes(StandardCharsets.UTF_8), g.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean bcryptMatches(String hash, String given) {
        // The library knows $2a$, $2b$ and $2y$; Go's bcrypt reads $2x$ as $2a$.
        String normal = hash.startsWith("$2x$") ? "$2a$" + hash.substring(4) : hash;
        try {
            return BCrypt.verifyer().verify(given.getBytes(StandardCharsets.UTF_8),
                    normal.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (IllegalArgumentException | IllegalStateException malformed) {
            return false;
        }
    }
}
