package io.jnatsd.cluster.route;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ConfException;
import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Nats;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Cluster nodes for the pooling tests: four accounts (A, C and ACC1 fall on pool indexes 0, 1 and 2 of a
 * pool of three; P is meant to be pinned), each with a user of the account's name in lower case.
 */
final class PoolNodes {

    /** The accounts and the pool index each falls on with a pool of three. */
    static final List<String> POOLED_ACCOUNTS = List.of("A", "C", "ACC1");
    static final String PINNED = "P";

    static final String ACCOUNTS = """
            accounts {
              A { users = [ { user: a, password: a } ] }
              C { users = [ { user: c, password: c } ] }
              ACC1 { users = [ { user: acc1, password: acc1 } ] }
              P { users = [ { user: p, password: p } ] }
            }
            """;

    private PoolNodes() {
    }

    /** The options of a node with {@code poolSize} and {@code pinned}, dialling {@code routes}. */
    static ServerOptions options(int poolSize, List<String> pinned, List<URI> routes) {
        String conf = ACCOUNTS + "cluster { pool_size: " + poolSize
                + (pinned.isEmpty() ? "" : ", accounts: [" + String.join(", ", pinned) + "]") + " }\n";
        ServerOptions.Builder b = TestServers.baseOptions();
        try {
            new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        } catch (ConfException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ClusterOptions read = b.build().cluster();
        return b.cluster(read.withName(ClusterNodes.CLUSTER).withListen(TestServers.HOST, -1).withRoutes(routes))
                .build();
    }

    static NatsServer start(ClusterNodes nodes, int poolSize, List<String> pinned, List<URI> routes) {
        return nodes.start(options(poolSize, pinned, routes));
    }

    /** The official client as the user of {@code account}. */
    static Connection connect(NatsServer server, String account) throws IOException, InterruptedException {
        String user = account.toLowerCase(java.util.Locale.ROOT);
        return Nats.connect(TestServers.clientOptions(server).userInfo(user, user).build());
    }
}
