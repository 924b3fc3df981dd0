package io.jnatsd.embed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A cluster of jnatsd servers inside this JVM, joined by routes: for tests of clients and
 * applications against more than one server. Built with {@link #builder()}.
 *
 * <pre>{@code
 * try (JnatsdCluster cluster = JnatsdCluster.builder().nodes(3).start()) {
 *     Connection c = Nats.connect(cluster.connectUrl());
 * }
 * }</pre>
 *
 * <p>The first node is the seed: the others dial its route port and learn of each other from
 * it, as a cluster whose conf names one seed route does. {@link #start()} returns once the
 * full mesh has formed (every node has a route to each of the others).
 *
 * <p>Thread-safe.
 */
public final class JnatsdCluster implements AutoCloseable {

    /** How long {@link #start()} waits for the full mesh to form. */
    public static final Duration MESH_TIMEOUT = Duration.ofSeconds(15);
    private static final long MESH_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final int nodes;
    private final String clusterName;
    private final boolean jetStream;
    private final String conf;
    private final List<JnatsdServer> servers = new ArrayList<>();
    private boolean started;
    private boolean stopped;

    JnatsdCluster(int nodes, String clusterName, boolean jetStream, String conf) {
        this.nodes = nodes;
        this.clusterName = clusterName;
        this.jetStream = jetStream;
        this.conf = conf;
    }

    /** A builder with the defaults: three nodes, JetStream off. */
    public static JnatsdClusterBuilder builder() {
        return new JnatsdClusterBuilder();
    }

    /**
     * Starts the nodes and returns once each has a route to each of the others, waiting at most
     * {@link #MESH_TIMEOUT}. On failure the nodes already started are stopped. Thread-safe.
     *
     * @return this cluster
     * @throws JnatsdStartException when a node cannot start, the mesh does not form in time, or
     *                              the calling thread is interrupted (its interrupt flag stays set)
     * @throws IllegalStateException when this cluster was started before
     */
    public synchronized JnatsdCluster start() {
        if (started || stopped) {
            throw new IllegalStateException("an embedded cluster starts once; build a new one");
        }
        started = true;
        try {
            JnatsdServer seed = node(1, List.of()).start();
            servers.add(seed);
            String seedRoute = "nats-route://" + JnatsdServerBuilder.HOST_DEFAULT + ":" + seed.routePort();
            for (int i = 2; i <= nodes; i++) {
                servers.add(node(i, List.of(seedRoute)).start());
            }
            awaitMesh();
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
        return this;
    }

    private JnatsdServerBuilder node(int number, List<String> routes) {
        JnatsdServerBuilder b = JnatsdServer.builder();
        if (!conf.isBlank()) {
            b.conf(conf);
        }
        if (jetStream) {
            b.jetStream(true);
        }
        return b.serverName(clusterName + "-" + number).clusterNode(clusterName, routes);
    }

    private void awaitMesh() {
        long deadline = System.nanoTime() + MESH_TIMEOUT.toNanos();
        while (!meshFormed()) {
            if (System.nanoTime() - deadline > 0) {
                throw new JnatsdStartException("the cluster's mesh did not form in " + MESH_TIMEOUT.toMillis()
                        + " ms; routes per node: " + routeCounts());
            }
            LockSupport.parkNanos(MESH_POLL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new JnatsdStartException("interrupted while waiting for the cluster's mesh");
            }
        }
    }

    private boolean meshFormed() {
        return servers.stream().allMatch(s -> s.numRoutes() == nodes - 1);
    }

    private String routeCounts() {
        return servers.stream().map(s -> s.serverName() + "=" + s.numRoutes()).collect(Collectors.joining(", "));
    }

    /** Stops every node, last started first; returns when all are gone. Idempotent; thread-safe. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopAll();
    }

    private void stopAll() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).stop();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** True between {@link #start()} and {@link #stop()}. Thread-safe. */
    public synchronized boolean isRunning() {
        return started && !stopped && servers.size() == nodes;
    }

    /** The nodes, the seed first. Thread-safe. */
    public synchronized List<JnatsdServer> servers() {
        if (!started) {
            throw new IllegalStateException("the embedded cluster is not started");
        }
        return List.copyOf(servers);
    }

    /** The node at {@code index}, from 0 (the seed). Thread-safe. */
    public JnatsdServer server(int index) {
        return servers().get(index);
    }

    /** The client URLs of the nodes, in node order. Thread-safe. */
    public List<String> clientUrls() {
        return servers().stream().map(JnatsdServer::clientUrl).toList();
    }

    /** The client URLs joined by commas, as {@code Nats.connect(String)} and {@code Options.Builder.server} take them. */
    public String connectUrl() {
        return String.join(",", clientUrls());
    }

    /** The cluster name every node announces. */
    public String clusterName() {
        return clusterName;
    }

    /** How many nodes the cluster has (or will have once started). */
    public int size() {
        return nodes;
    }

    @Override
    public String toString() {
        return "JnatsdCluster[" + clusterName + ", " + nodes + " nodes" + (jetStream ? ", jetstream" : "")
                + (stopped ? ", stopped" : started ? "" : ", not started") + "]";
    }
}
