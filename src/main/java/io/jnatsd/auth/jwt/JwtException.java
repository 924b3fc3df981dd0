package io.jnatsd.auth.jwt;

/** A JWT that cannot be used: malformed, badly signed, of the wrong kind. Cold path only. */
public final class JwtException extends RuntimeException {

    public JwtException(String message) {
        super(message);
    }
}
