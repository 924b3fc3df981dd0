package io.jnatsd.server;

import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a reload's per-client work on each client's own event loop and waits for it, so that
 * when a reload returns every open client already follows the new rules (the reference applies
 * them under the client's lock before {@code ReloadOptions} returns). Without the wait, a client
 * whose bytes arrive together with the task could be served by the old rules once more, since an
 * event loop handles ready I/O before queued tasks.
 *
 * <p>Stateless; call from the reloading thread, never from an I/O thread (it would wait on itself).
 */
final class ClientReloadTasks {

    private static final Logger LOG = LoggerFactory.getLogger(ClientReloadTasks.class);
    /** How long a reload waits for the clients' event loops. */
    static final long WAIT_MILLIS = 5_000;

    private ClientReloadTasks() {
    }

    /** Runs {@code task} for each of {@code clients} on its event loop; returns once all ran, or after the wait. */
    static void runOnEach(Collection<ClientConnection> clients, Consumer<ClientConnection> task) {
        List<Future<?>> pending = new ArrayList<>(clients.size());
        for (ClientConnection c : clients) {
            try {
                pending.add(c.channel().eventLoop().submit(() -> task.accept(c)));
            } catch (RejectedExecutionException shuttingDown) {
                LOG.debug("Event loop gone while reloading a client: {}", shuttingDown.toString());
            }
        }
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        for (Future<?> f : pending) {
            long leftNs = deadlineNs - System.nanoTime();
            if (leftNs <= 0 || !f.awaitUninterruptibly(leftNs, TimeUnit.NANOSECONDS)) {
                LOG.warn("Some clients were still taking the reloaded configuration after {} ms", WAIT_MILLIS);
                return;
            }
            if (f.cause() != null) {
                LOG.warn("A client failed to take the reloaded configuration: {}", f.cause().toString());
            }
        }
    }
}
