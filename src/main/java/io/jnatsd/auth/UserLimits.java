package io.jnatsd.auth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The limits a user JWT puts on its connection ({@code jwt.Limits} and
 * {@code AllowedConnectionTypes} of the user claims). Immutable.
 *
 * @param maxSubscriptions    subscriptions at once, -1 for no limit
 * @param maxPayloadBytes     largest message, -1 for no limit
 * @param maxDataBytes        bytes the connection may publish in all, -1 for no limit
 * @param connectionTypes     the connection types allowed ({@code STANDARD}, {@code WEBSOCKET}, ...), empty for all
 * @param sourceNetworks      the CIDRs a client may come from, empty for anywhere
 * @param expiresAt           when the JWT expires (the connection is closed then), or null for never
 */
public record UserLimits(long maxSubscriptions, long maxPayloadBytes, long maxDataBytes,
                         Set<String> connectionTypes, List<String> sourceNetworks, Instant expiresAt) {

    /** No limit at all. */
    public static final long UNLIMITED = -1;

    public UserLimits {
        connectionTypes = connectionTypes == null ? Set.of() : Set.copyOf(connectionTypes);
        sourceNetworks = sourceNetworks == null ? List.of() : List.copyOf(sourceNetworks);
    }
}
