package io.jnatsd.account;

import java.util.List;

/**
 * One account of the conf file's {@code accounts} block (users are kept with the
 * authentication options). Immutable.
 *
 * @param name     the account name
 * @param exports  what it offers other accounts
 * @param imports  what it takes from other accounts
 * @param mappings its subject mappings
 * @param limits   its limits
 */
public record AccountConfig(String name, List<ExportConfig> exports, List<ImportConfig> imports,
                            List<MappingConfig> mappings, AccountLimits limits) {

    public AccountConfig {
        exports = exports == null ? List.of() : List.copyOf(exports);
        imports = imports == null ? List.of() : List.copyOf(imports);
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
        limits = limits == null ? AccountLimits.NONE : limits;
    }

    /** An account with nothing but a name. */
    public static AccountConfig named(String name) {
        return new AccountConfig(name, List.of(), List.of(), List.of(), AccountLimits.NONE);
    }
}
