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
 * @param jetStream whether it has JetStream, with which limits (its {@code jetstream} value)
 */
public record AccountConfig(String name, List<ExportConfig> exports, List<ImportConfig> imports,
                            List<MappingConfig> mappings, AccountLimits limits, AccountJetStream jetStream) {

    public AccountConfig {
        exports = exports == null ? List.of() : List.copyOf(exports);
        imports = imports == null ? List.of() : List.copyOf(imports);
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
        limits = limits == null ? AccountLimits.NONE : limits;
        jetStream = jetStream == null ? AccountJetStream.DISABLED : jetStream;
    }

    /** An account without JetStream. */
    public AccountConfig(String name, List<ExportConfig> exports, List<ImportConfig> imports,
                         List<MappingConfig> mappings, AccountLimits limits) {
        this(name, exports, imports, mappings, limits, AccountJetStream.DISABLED);
    }

    /** An account with nothing but a name. */
    public static AccountConfig named(String name) {
        return new AccountConfig(name, List.of(), List.of(), List.of(), AccountLimits.NONE);
    }
}
