package io.jnatsd.config;

import io.jnatsd.account.Account;
import io.jnatsd.auth.NKeys;
import io.jnatsd.auth.callout.AuthCalloutOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Twin of {@code parseAuthCallout} in {@code server/opts.go}: reads {@code auth_callout} inside
 * the top-level {@code authorization} block into {@link AuthCalloutOptions}, with the
 * reference's errors.
 */
final class AuthCalloutReader {

    /** The key of the block inside {@code authorization}. */
    static final String KEY = "auth_callout";
    /** Role prefix byte of a curve (xkey) public key: its text starts with 'X'. */
    private static final int PREFIX_CURVE = 23 << 3;

    private AuthCalloutReader() {
    }

    /** The {@code auth_callout} value of an {@code authorization} block, or null when it has none. */
    static ConfValue find(ConfValue authorization) throws ConfException {
        for (Map.Entry<String, ConfValue> e : authorization.asMap().entrySet()) {
            if (KEY.equalsIgnoreCase(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    static AuthCalloutOptions read(ConfValue v) throws ConfException {
        if (!v.isMap()) {
            throw new ConfException(v.reportPosition(), "Expected authorization callout to be a map/struct, got "
                    + v.plain(), null);
        }
        String issuer = null;
        String account = null;
        String xkey = null;
        List<String> users = new ArrayList<>();
        List<String> allowed = new ArrayList<>();
        for (Map.Entry<String, ConfValue> e : v.asMap().entrySet()) {
            ConfValue value = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "issuer" -> {
                    issuer = ServerOptionsReader.string(value);
                    if (!NKeys.isValidPublicKey(NKeys.PREFIX_ACCOUNT, issuer)) {
                        throw new ConfException(value.reportPosition(),
                                "Expected callout user to be a valid public account nkey, got \"" + issuer + "\"",
                                issuer);
                    }
                }
                case "account", "acc" -> account = ServerOptionsReader.string(value);
                case "auth_users", "users" -> users = names(value, "auth_users");
                case "xkey", "key" -> {
                    xkey = ServerOptionsReader.string(value);
                    if (!NKeys.isValidPublicKey(PREFIX_CURVE, xkey)) {
                        throw new ConfException(value.reportPosition(),
                                "Expected callout xkey to be a valid public xkey, got \"" + xkey + "\"", xkey);
                    }
                }
                case "allowed_accounts" -> allowed = names(value, "allowed accounts");
                default -> {
                    if (!value.isUsedAsVariable()) {
                        throw new ConfException(value.reportPosition(), "Unknown field \"" + e.getKey()
                                + "\" parsing authorization callout", e.getKey());
                    }
                }
            }
        }
        if (issuer == null || issuer.isEmpty()) {
            throw new ConfException(v.reportPosition(), "Authorization callouts require an issuer to be specified",
                    null);
        }
        if (users.isEmpty()) {
            throw new ConfException(v.reportPosition(),
                    "Authorization callouts require authorized users to be specified", null);
        }
        return new AuthCalloutOptions(issuer, account == null || account.isEmpty() ? Account.GLOBAL_ACCOUNT_NAME
                : account, users, xkey, allowed);
    }

    /**
     * The reference's check after the whole file is read: each of {@code allowed_accounts} must be
     * a configured account.
     */
    static void checkAllowedAccounts(AuthCalloutOptions callout, ConfValue at, java.util.Set<String> accounts)
            throws ConfException {
        for (String name : callout.allowedAccounts()) {
            if (!accounts.contains(name)) {
                throw new ConfException(at.reportPosition(), "auth_callout allowed account \"" + name
                        + "\" not found in configured accounts", name);
            }
        }
    }

    private static List<String> names(ConfValue v, String what) throws ConfException {
        if (!v.isList()) {
            throw new ConfException(v.reportPosition(), "Expected " + what + " field to be an array, got "
                    + v.typeName(), null);
        }
        List<String> out = new ArrayList<>();
        for (ConfValue n : v.asList()) {
            out.add(ServerOptionsReader.string(n));
        }
        return out;
    }
}
