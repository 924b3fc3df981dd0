package io.jnatsd.cluster.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.cluster.route.ClusterNodes.routes;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pooled jnatsd nodes (pool of three, a pinned account) in one cluster with a Go 2.9.10 node, which has no pooling:
 * one route to the Go node carries every account, pools between the jnatsd nodes, and every account's messages
 * arrive once everywhere.
 */
@Timeout(90)
class GoPoolInteropIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterNodes nodes = new ClusterNodes();
    private GoRouteNode go;

    @AfterEach
    void tearDown() throws Exception {
        nodes.close();
        if (go != null) {
            go.close();
        }
    }

    @Test
    void shouldFallBackToOneRoute_whenPeerIsGo29(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("go.conf"), PoolNodes.ACCOUNTS);
        NatsServer a = PoolNodes.start(nodes, 3, List.of(PoolNodes.PINNED), List.of());
        go = GoRouteNode.start(ClusterNodes.CLUSTER, List.of(routeUrl(a)), conf);
        NatsServer b = PoolNodes.start(nodes, 3, List.of(PoolNodes.PINNED), List.of(go.routeUrl()));
        checkFor(() -> assertThat(JSON.readTree(go.routez()).path("num_routes").asInt()).as(go.log().toString())
                .isEqualTo(2));
        for (NatsServer s : List.of(a, b)) {
            NatsServer other = s == a ? b : a;
            checkFor(() -> {
                assertThat(routes(s).numRemotes()).isEqualTo(2);
                assertThat(routes(s).routes(false)).hasSize(1 + ClusterNodes.connectionsPerPeer(s));
                assertThat(routes(s).routes(false)).filteredOn(r -> !r.remoteId().equals(other.serverId()))
                        .singleElement().satisfies(r -> assertThat(r.account()).isEmpty());
            });
        }
        List<String> urls = List.of(TestServers.url(a), TestServers.url(b), go.clientUrl());
        for (String account : List.of("A", "C", "ACC1", PoolNodes.PINNED)) {
            PoolTraffic.deliverOnceEverywhere(urls, account, (plain, queued) -> {
                for (NatsServer s : List.of(a, b)) {
                    checkFor(() -> assertThat(routes(s).remoteInterest().sublist(account).count()).isEqualTo(4));
                }
                checkFor(() -> assertThat(goRouteSubs(plain) + goRouteSubs(queued)).isEqualTo(4));
            });
        }
    }

    /** How many subscriptions on {@code subject} the Go node heard of from its routes. */
    private int goRouteSubs(String subject) throws Exception {
        int n = 0;
        for (JsonNode r : JSON.readTree(go.routez()).path("routes")) {
            for (JsonNode s : r.path("subscriptions_list")) {
                n += s.asText().equals(subject) || s.asText().startsWith(subject + " ") ? 1 : 0;
            }
        }
        return n;
    }
}
