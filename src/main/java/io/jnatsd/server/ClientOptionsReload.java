package io.jnatsd.server;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.ProtocolErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Twin of the client-limit options of {@code server/reload.go} ({@code maxPayloadOption},
 * {@code maxControlLineOption}, {@code maxConnOption}, {@code pingIntervalOption},
 * {@code maxPingsOutOption}, {@code writeDeadlineOption}, {@code traceOption},
 * {@code clientAdvertiseOption}): each open client takes the new values on its own event
 * loop, without being disconnected; INFO sent from now on carries the new {@code max_payload}
 * (the reference sends no INFO to clients already connected). Too many clients for a lower
 * {@code max_connections} are closed at random, as there.
 *
 * <p>Runs on the reloading thread; per-client work runs on each client's event loop
 * and the reload waits for it ({@link ClientReloadTasks}).
 */
final class ClientOptionsReload implements ReloadParticipant {

    private static final Logger LOG = LoggerFactory.getLogger(ClientOptionsReload.class);
    private static final Set<String> COMPONENTS = Set.of("maxPayload", "maxControlLine", "maxConnections",
            "pingInterval", "pingMax", "writeDeadline", "trace", "clientAdvertise");

    private final NatsServer server;

    ClientOptionsReload(NatsServer server) {
        this.server = server;
    }

    @Override
    public Set<String> components() {
        return COMPONENTS;
    }

    @Override
    public void apply(ServerOptions current, ServerOptions next) {
        ServerInfo info = server.info();
        if (info != null) {
            info.setMaxPayload(next.maxPayload());
        }
        ClientReloadTasks.runOnEach(server.clients(), c -> c.onOptionsReloaded(next));
        if (next.maxConnections() != current.maxConnections()) {
            enforceMaxConnections(next.maxConnections());
            LOG.info("Reloaded: max_connections = {}", next.maxConnections());
        }
        logIfChanged("max_payload", current.maxPayload(), next.maxPayload());
        logIfChanged("max_control_line", current.maxControlLine(), next.maxControlLine());
        logIfChanged("ping_max", current.pingMax(), next.pingMax());
        if (!next.pingInterval().equals(current.pingInterval())) {
            LOG.info("Reloaded: ping_interval = {}", GoDurations.string(next.pingInterval().toNanos()));
        }
        if (!next.writeDeadline().equals(current.writeDeadline())) {
            LOG.info("Reloaded: write_deadline = {}", GoDurations.string(next.writeDeadline().toNanos()));
        }
        if (next.trace() != current.trace()) {
            LOG.info("Reloaded: trace = {}", next.trace());
        }
        if (!java.util.Objects.equals(next.clientAdvertise(), current.clientAdvertise())) {
            LOG.info("Reloaded: client_advertise = {}", next.clientAdvertise() == null ? "" : next.clientAdvertise());
        }
    }

    private static void logIfChanged(String name, int oldValue, int newValue) {
        if (oldValue != newValue) {
            LOG.info("Reloaded: {} = {}", name, newValue);
        }
    }

    /** Closes random clients until no more than {@code max} remain, each told the limit was exceeded. */
    private void enforceMaxConnections(int max) {
        List<ClientConnection> clients = new ArrayList<>(server.clients());
        int toClose = clients.size() - Math.max(0, max);
        if (toClose <= 0) {
            return;
        }
        Collections.shuffle(clients);
        for (ClientConnection c : clients.subList(0, toClose)) {
            c.channel().eventLoop().execute(() -> {
                c.sendError(ProtocolErrors.MAX_CONNECTIONS_EXCEEDED);
                c.close("Maximum Connections Exceeded");
            });
        }
        LOG.info("Closed {} connections to fall within max_connections", toClose);
    }
}
