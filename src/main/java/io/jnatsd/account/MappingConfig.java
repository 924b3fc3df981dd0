package io.jnatsd.account;

import java.util.List;

/**
 * One entry of {@code mappings} (account-level or top-level, {@code parseAccountMappings} in
 * {@code server/opts.go}): a source subject and its weighted destinations. Immutable.
 *
 * @param source       the subject published to (wildcards allowed)
 * @param destinations where it goes; weights in percent, a plain mapping is one destination of 100
 */
public record MappingConfig(String source, List<Destination> destinations) {

    /**
     * @param subject       the destination, with the reference's transform functions
     * @param weightPercent share of the messages, 0 to 100
     */
    public record Destination(String subject, int weightPercent) {
    }

    public MappingConfig {
        destinations = List.copyOf(destinations);
    }
}
