package io.jnatsd.cluster.route;

import io.jnatsd.config.ClusterOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static io.jnatsd.cluster.route.ClusterNodes.awaitMesh;
import static io.jnatsd.cluster.route.ClusterNodes.awaitRemoteSubs;
import static io.jnatsd.cluster.route.ClusterNodes.routeUrl;
import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Route compression between jnatsd nodes: negotiated as the reference does, and traffic intact through S2. */
@Timeout(60)
class RouteCompressionIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ClusterNodes nodes = new ClusterNodes();

    @AfterEach
    void tearDown() throws Exception {
        nodes.close();
    }

    static ClusterOptions node(String compression, List<URI> routes) {
        return ClusterOptions.NONE.withName(ClusterNodes.CLUSTER).withListen(TestServers.HOST, -1).withRoutes(routes)
                .withCompression(compression);
    }

    private Connection connect(NatsServer s) throws Exception {
        return nodes.keep(Nats.connect(io.nats.client.Options.builder().server(TestServers.url(s)).noReconnect()
                .connectionTimeout(WAIT).maxControlLine(4096).build()));
    }

    private static void awaitCompression(NatsServer s, String mode) {
        checkFor(() -> assertThat(ClusterNodes.routes(s).routes(false))
                .extracting(RouteSnapshot::compression).containsOnly(mode).isNotEmpty());
    }

    @Test
    void shouldCarryPlainQueueHeadersAndLargeMessages_whenBothNodesUseS2Fast() throws Exception {
        NatsServer a = nodes.start(node("s2_fast", List.of()));
        NatsServer b = nodes.start(node("s2_fast", List.of(routeUrl(a))));
        awaitMesh(a, b);
        awaitCompression(a, "s2_fast");
        awaitCompression(b, "s2_fast");
        Connection pub = connect(a);
        Connection sub = connect(b);
        Subscription plain = sub.subscribe("z.plain");
        Subscription queue = sub.subscribe("z.queue", "workers");
        Subscription headers = sub.subscribe("z.headers");
        Subscription large = sub.subscribe("z.large");
        sub.flush(WAIT);
        awaitRemoteSubs(a, 4);

        for (int i = 0; i < 100; i++) {
            pub.publish("z.plain", ("p" + i).getBytes(StandardCharsets.UTF_8));
            pub.publish("z.queue", ("q" + i).getBytes(StandardCharsets.UTF_8));
        }
        Headers h = new Headers().add("X-Route", "compressed");
        pub.publish(NatsMessage.builder().subject("z.headers").headers(h).data("hdr").build());
        byte[] big = new byte[1024 * 1024 - 1024];
        new Random(7).nextBytes(big);
        for (int i = 0; i < big.length / 2; i++) {
            big[i] = (byte) (i % 13);
        }
        pub.publish("z.large", big);
        pub.flush(WAIT);

        for (int i = 0; i < 100; i++) {
            assertThat(new String(plain.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("p" + i);
            assertThat(new String(queue.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("q" + i);
        }
        Message hm = headers.nextMessage(WAIT);
        assertThat(hm.getHeaders().getFirst("X-Route")).isEqualTo("compressed");
        assertThat(new String(hm.getData(), StandardCharsets.UTF_8)).isEqualTo("hdr");
        assertThat(large.nextMessage(WAIT).getData()).isEqualTo(big);
    }

    @Test
    void shouldAgreeOnOff_whenTheSolicitedNodeIsOff() throws Exception {
        NatsServer a = nodes.start(node("off", List.of()));
        NatsServer b = nodes.start(node("s2_fast", List.of(routeUrl(a))));
        assertOffAndTraffic(a, b);
    }

    @Test
    void shouldAgreeOnOff_whenTheSolicitingNodeIsOff() throws Exception {
        NatsServer a = nodes.start(node("s2_best", List.of()));
        NatsServer b = nodes.start(node("off", List.of(routeUrl(a))));
        assertOffAndTraffic(a, b);
    }

    @Test
    void shouldRunUncompressed_whenBothNodesOnlyAccept() throws Exception {
        NatsServer a = nodes.start(node("accept", List.of()));
        NatsServer b = nodes.start(node("accept", List.of(routeUrl(a))));
        assertOffAndTraffic(a, b);
    }

    @Test
    void shouldCompress_whenOneNodeAcceptsAndTheOtherAsks() throws Exception {
        NatsServer a = nodes.start(node("accept", List.of()));
        NatsServer b = nodes.start(node("s2_better", List.of(routeUrl(a))));
        awaitMesh(a, b);
        awaitCompression(a, "s2_better");
        awaitCompression(b, "s2_better");
        roundTrip(a, b);
    }

    @Test
    void shouldRunUncompressedLevel_whenS2AutoRttIsUnderTheFirstThreshold() throws Exception {
        // The first threshold is generous so that a loaded test machine stays under it on loopback.
        List<Duration> rtts = List.of(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(10));
        NatsServer a = nodes.start(node("s2_auto", List.of()).withCompression("s2_auto", rtts));
        NatsServer b = nodes.start(node("s2_auto", List.of(routeUrl(a))).withCompression("s2_auto", rtts));
        awaitMesh(a, b);
        // S2 framing, chunks stored uncompressed.
        awaitCompression(a, "s2_uncompressed");
        awaitCompression(b, "s2_uncompressed");
        roundTrip(a, b);
    }

    @Test
    void shouldRunFastLevel_whenS2AutoThresholdsSkipUncompressed() throws Exception {
        List<Duration> skipUncompressed = List.of(Duration.ZERO, Duration.ofSeconds(10));
        NatsServer a = nodes.start(node("s2_auto", List.of()).withCompression("s2_auto", skipUncompressed));
        NatsServer b = nodes.start(node("s2_auto", List.of(routeUrl(a))).withCompression("s2_auto",
                skipUncompressed));
        awaitMesh(a, b);
        awaitCompression(a, "s2_fast");
        awaitCompression(b, "s2_fast");
        roundTrip(a, b);
    }

    @Test
    void shouldCompressWithAPeerThatAsks_whenNoModeIsConfigured() throws Exception {
        NatsServer a = nodes.start(ClusterOptions.NONE.withName(ClusterNodes.CLUSTER).withListen(TestServers.HOST, -1));
        NatsServer b = nodes.start(node("s2_fast", List.of(routeUrl(a))));
        awaitMesh(a, b);
        // The default is the reference's "accept": it follows a peer that asks for compression.
        awaitCompression(a, "s2_fast");
        awaitCompression(b, "s2_fast");
        roundTrip(a, b);
    }

    private void assertOffAndTraffic(NatsServer a, NatsServer b) throws Exception {
        awaitMesh(a, b);
        awaitCompression(a, "off");
        awaitCompression(b, "off");
        roundTrip(a, b);
    }

    private void roundTrip(NatsServer a, NatsServer b) throws Exception {
        Connection pub = connect(a);
        Connection sub = connect(b);
        Subscription s = sub.subscribe("z.off");
        sub.flush(WAIT);
        awaitRemoteSubs(a, 1);
        pub.publish("z.off", "hello".getBytes(StandardCharsets.UTF_8));
        pub.flush(WAIT);
        assertThat(new String(s.nextMessage(WAIT).getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
}
