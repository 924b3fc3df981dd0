package io.jnatsd.auth.callout;

import io.jnatsd.account.Account;
import io.jnatsd.account.Accounts;
import io.jnatsd.auth.ClientCredentials;
import io.jnatsd.auth.Identity;
import io.jnatsd.auth.jwt.Jwt;

import java.util.Optional;

/**
 * The callout of {@code authorization { auth_callout { issuer, account, auth_users, xkey,
 * allowed_accounts } }} (no operator): the requests go out in the configured account, and the
 * service's user JWTs, signed by the configured issuer, place users in the account their
 * {@code aud} names. Immutable; thread-safe.
 */
final class ConfiguredCallout implements CalloutMode {

    private final AuthCalloutOptions options;
    private final Accounts accounts;
    private final Target target;

    ConfiguredCallout(AuthCalloutOptions options, Accounts accounts) {
        this.options = options;
        this.accounts = accounts;
        this.target = new Target(options.account(), options.issuer(), options.xkey());
    }

    @Override
    public boolean decides(ClientCredentials credentials, Optional<Identity> configured) {
        String user = AuthorizationRequest.rawUser(credentials);
        if (user != null && options.authUsers().contains(user)) {
            return false;
        }
        if (options.allowedAccounts().isEmpty() || configured.isEmpty()) {
            return true;
        }
        Account bound = accounts.accountOf(configured.get().name());
        String name = bound == null ? Account.GLOBAL_ACCOUNT_NAME : bound.name();
        return name.equals(Account.GLOBAL_ACCOUNT_NAME) || options.allowedAccounts().contains(name);
    }

    @Override
    public Target target(ClientCredentials credentials) {
        return target;
    }

    @Override
    public Identity user(Jwt response, boolean encrypted, Target t, String userNkey, long nowSeconds)
            throws CalloutException {
        AuthorizationResponse.Expected want = new AuthorizationResponse.Expected(userNkey, null, options.issuer(),
                options.account(), name -> !name.isEmpty() && accounts.lookup(name) != null);
        return AuthorizationResponse.user(response.nats().path("jwt").asText(""), want, nowSeconds);
    }
}
