package io.jnatsd.embed;

import java.util.Objects;

/**
 * Options of an embedded cluster: how many nodes, the cluster's name, and what each node gets
 * (JetStream, a conf text). Every node listens on 127.0.0.1, on a random client port and a
 * random route port.
 *
 * <p>Not thread-safe: build on one thread.
 */
public final class JnatsdClusterBuilder {

    /** The node count unless told otherwise: three, the smallest cluster that keeps a majority when one node is lost. */
    public static final int NODES_DEFAULT = 3;
    /** The cluster name unless told otherwise. */
    public static final String CLUSTER_NAME_DEFAULT = "jnatsd-embedded";

    private int nodes = NODES_DEFAULT;
    private String clusterName = CLUSTER_NAME_DEFAULT;
    private boolean jetStream;
    private String conf = "";

    JnatsdClusterBuilder() {
    }

    /** How many nodes, at least 1 (3 by default). */
    public JnatsdClusterBuilder nodes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a cluster has at least one node, not " + count);
        }
        this.nodes = count;
        return this;
    }

    /** The cluster name every node announces; node {@code i} (from 1) is named {@code <clusterName>-<i>}. */
    public JnatsdClusterBuilder clusterName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a cluster name has no spaces: \"" + name + "\"");
        }
        this.clusterName = name;
        return this;
    }

    /** Turns JetStream on in every node, each with its own temporary store removed on stop; off leaves it to the conf. */
    public JnatsdClusterBuilder jetStream(boolean enabled) {
        this.jetStream = enabled;
        return this;
    }

    /**
     * Conf text in the reference's format given to every node; the cluster settings (name,
     * route port, routes) and the node's name are set over it.
     */
    public JnatsdClusterBuilder conf(String text) {
        this.conf = Objects.requireNonNull(text, "text");
        return this;
    }

    /** A cluster with these options, not started yet. */
    public JnatsdCluster build() {
        return new JnatsdCluster(nodes, clusterName, jetStream, conf);
    }

    /** Builds and starts: every node has a route to each of the others when this returns. */
    public JnatsdCluster start() {
        return build().start();
    }
}
