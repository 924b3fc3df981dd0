package io.jnatsd.cluster.route;

import io.jnatsd.auth.ClientPermissions;
import io.jnatsd.auth.Permissions;

/**
 * Twin of {@code canImport}, {@code canExport} and {@code setRoutePermissions} in {@code server/route.go}:
 * the {@code cluster { permissions { import, export } }} rules, which act on interest only. {@code import}
 * decides for which local subscriptions this server sends {@code RS+} (so what the peers send it);
 * {@code export} decides which of a peer's {@code RS+} it accepts (so what it sends the peers).
 *
 * <p>Immutable and thread-safe.
 */
final class RoutePermissions {

    /** No rules: everything is imported and exported. */
    static final RoutePermissions ALLOW_ALL = new RoutePermissions(null);

    /** Import as publish rules, export as subscribe rules, as the reference compiles them; null for none. */
    private final ClientPermissions compiled;

    private RoutePermissions(ClientPermissions compiled) {
        this.compiled = compiled;
    }

    /** @param p the configured rules ({@code publish} = import, {@code subscribe} = export), or null */
    static RoutePermissions of(Permissions p) {
        ClientPermissions c = p == null ? null : ClientPermissions.of(new Permissions(p.publish(), p.subscribe(), null));
        return c == null ? ALLOW_ALL : new RoutePermissions(c);
    }

    /** Whether this server tells its peers about local interest in {@code subject}. */
    boolean canImport(String subject) {
        return compiled == null || compiled.publishAllowedStatically(subject);
    }

    /** Whether this server accepts a peer's interest in {@code subject}. */
    boolean canExport(String subject) {
        return compiled == null || compiled.canSubscribe(subject, null);
    }
}
