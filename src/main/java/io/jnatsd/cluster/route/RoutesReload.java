package io.jnatsd.cluster.route;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.server.ReloadException;
import io.jnatsd.server.ReloadParticipant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Twin of {@code routesOption}, {@code diffRoutes} and {@code validateClusterOpts} in
 * {@code server/reload.go}: a reload may change the {@code routes} of the {@code cluster} block;
 * routes no longer listed are closed and not dialled again, new ones are dialled, the others stay.
 * A change of {@code pool_size} or of the pinned {@code accounts} is applied by
 * {@link PinnedAccountMoves} (an added account must exist). A change of the cluster's host or port is
 * refused with the reference's error, and so is (departure: the reference applies them) a change of
 * any other cluster option but {@code connect_retries}, which jnatsd cannot make at run time yet.
 *
 * <p>Registered by {@link RouteModule} whether clustering runs or not, so that turning it on by
 * reload is refused with the reference's text. Runs on the reloading thread.
 */
final class RoutesReload implements ReloadParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesReload.class);

    private final RouteModule module;

    RoutesReload(RouteModule module) {
        this.module = module;
    }

    @Override
    public Set<String> components() {
        return Set.of("cluster");
    }

    @Override
    public void check(ServerOptions current, ServerOptions next) throws ReloadException {
        ClusterOptions a = current.cluster();
        ClusterOptions b = next.cluster();
        if (!a.host().equals(b.host())) {
            throw new ReloadException("config reload not supported for cluster host: old=" + a.host() + ", new="
                    + b.host());
        }
        int bound = a.port() == ServerOptions.RANDOM_PORT && module.routePort() != 0 ? module.routePort() : a.port();
        if (b.port() != a.port() && b.port() != ServerOptions.RANDOM_PORT && b.port() != bound) {
            throw new ReloadException("config reload not supported for cluster port: old=" + bound + ", new="
                    + b.port());
        }
        refuse("Name", a.name(), b.name());
        refuse("Advertise", a.advertise(), b.advertise());
        refuse("NoAdvertise", a.noAdvertise(), b.noAdvertise());
        refuse("Username", a.username(), b.username());
        if (!a.password().equals(b.password())) {
            throw new ReloadException("config reload not supported for Cluster.Password");
        }
        refuse("AuthTimeout", a.authTimeout().toMillis() / 1000.0, b.authTimeout().toMillis() / 1000.0);
        if (module.running()) {
            for (String account : b.pinnedAccounts()) {
                if (!a.pinnedAccounts().contains(account) && module.lookupAccount(account) == null) {
                    throw new ReloadException("unable to add account \"" + account
                            + "\" to the list of dedicated routes: account missing");
                }
            }
        }
        refuse("Compression", a.compression(), b.compression());
    }

    private static void refuse(String goName, Object oldValue, Object newValue) throws ReloadException {
        if (!Objects.equals(oldValue, newValue)) {
            throw new ReloadException("config reload not supported for Cluster." + goName + ": old=" + oldValue
                    + ", new=" + newValue);
        }
    }

    @Override
    public void apply(ServerOptions current, ServerOptions next) {
        List<URI> removed = missingFrom(current.cluster().routes(), next.cluster().routes());
        List<URI> added = missingFrom(next.cluster().routes(), current.cluster().routes());
        module.applyReloadedRoutes(next.cluster(), removed, added);
        if (module.running()) {
            try {
                module.accountMoves().apply(current.cluster(), next.cluster(), next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (URI url : removed) {
            LOG.info("Removed route {}", redacted(url));
        }
        if (!removed.isEmpty() || !added.isEmpty()) {
            LOG.info("Reloaded: cluster routes");
        }
    }

    /** The URLs of {@code from} that {@code other} does not hold (the reference's {@code urlsAreEqual}). */
    static List<URI> missingFrom(List<URI> from, List<URI> other) {
        List<URI> out = new ArrayList<>();
        for (URI u : from) {
            if (!other.contains(u)) {
                out.add(u);
            }
        }
        return out;
    }

    private static String redacted(URI url) {
        return url.getUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo(), "[REDACTED]");
    }
}
