package io.jnatsd.account;

import io.jnatsd.auth.Permissions;

import java.util.List;
import java.util.Map;

/**
 * The conf file's accounts and authorization beyond credentials: the {@code accounts} block,
 * which account each user belongs to, each user's permissions, {@code system_account},
 * {@code no_system_account} and the top-level {@code mappings} (those of {@code $G}).
 * Immutable.
 *
 * @param accounts        the configured accounts (not $G)
 * @param userAccounts    user name to account name; users not here are in $G
 * @param userPermissions user name to permissions (defaults already applied)
 * @param systemAccount   the system account's name, or null for the default {@code $SYS}
 * @param noSystemAccount true when the server must run without a system account
 * @param mappings        the top-level mappings, applied in $G
 */
public record AccountsOptions(List<AccountConfig> accounts, Map<String, String> userAccounts,
                              Map<String, Permissions> userPermissions, String systemAccount,
                              boolean noSystemAccount, List<MappingConfig> mappings) {

    /** Nothing configured: every client in $G, a $SYS account with no users. */
    public static final AccountsOptions NONE = new AccountsOptions(List.of(), Map.of(), Map.of(), null, false,
            List.of());

    public AccountsOptions {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        userAccounts = userAccounts == null ? Map.of() : Map.copyOf(userAccounts);
        userPermissions = userPermissions == null ? Map.of() : Map.copyOf(userPermissions);
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }

    /** The system account's name, {@code $SYS} when not configured; null when there is none. */
    public String systemAccountName() {
        if (noSystemAccount && systemAccount == null) {
            return null;
        }
        return systemAccount == null || systemAccount.isEmpty() ? Account.SYSTEM_ACCOUNT_NAME : systemAccount;
    }
}
