package io.jnatsd.server;

import io.jnatsd.config.ServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Twin of {@code lameDuckMode} in {@code server/server.go}: after a grace period, closes the
 * clients in small batches spread over the lame duck duration, so that they reconnect
 * elsewhere gradually instead of all at once.
 */
final class LameDuck {

    private static final Logger LOG = LoggerFactory.getLogger(LameDuck.class);

    /** Batches are never closer together than this, so a short duration still spreads clients. */
    static final long MIN_BATCH_INTERVAL_MILLIS = 1;

    private final NatsServer server;
    private final ServerOptions options;

    LameDuck(NatsServer server, ServerOptions options) {
        this.server = server;
        this.options = options;
    }

    /**
     * Blocks for the grace period and the duration, closing clients along the way. Returns
     * early once the server is shut down by other means: then there is nothing left to close.
     */
    void closeClientsGradually() throws InterruptedException {
        long durationMillis = options.lameDuckDuration().toMillis();
        long graceMillis = Math.min(options.lameDuckGracePeriod().toMillis(), durationMillis);
        List<ClientConnection> clients = server.clients();
        if (clients.isEmpty() || server.awaitShutdown(graceMillis, TimeUnit.MILLISECONDS)) {
            return;
        }
        long spreadMillis = Math.max(durationMillis - graceMillis, MIN_BATCH_INTERVAL_MILLIS);
        int batches = (int) Math.max(1, Math.min(clients.size(), spreadMillis / MIN_BATCH_INTERVAL_MILLIS));
        int perBatch = (clients.size() + batches - 1) / batches;
        long intervalMillis = spreadMillis / batches;
        LOG.info("Closing existing clients");
        for (int i = 0; i < clients.size(); i += perBatch) {
            for (ClientConnection c : clients.subList(i, Math.min(clients.size(), i + perBatch))) {
                if (!closeOnItsLoop(c)) {
                    return;
                }
            }
            if (server.awaitShutdown(intervalMillis, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** Returns false when the event loops are already stopping: the server's shutdown closes the rest. */
    private static boolean closeOnItsLoop(ClientConnection c) {
        try {
            c.channel().eventLoop().execute(() -> c.close("Server Shutdown"));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
