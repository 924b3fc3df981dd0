package io.jnatsd.auth;

/**
 * Who a client turned out to be once let in.
 *
 * @param name        the user name, nkey or JWT subject the client is known by ({@code ""} for a token)
 * @param account     the name of the account it binds to, or null for the default one
 * @param limits      what its user JWT limits, or null for nothing
 * @param permissions what it may publish and subscribe to when its credentials carry that (a user
 *                    JWT from the auth callout), or null to take the configured user's
 */
public record Identity(String name, String account, UserLimits limits, Permissions permissions) {

    public Identity(String name, String account, UserLimits limits) {
        this(name, account, limits, null);
    }

    /** A client of the default account with no limits. */
    public static Identity of(String name) {
        return new Identity(name, null, null);
    }
}
