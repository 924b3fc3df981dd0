package io.jnatsd.cluster.route;

import io.jnatsd.compress.S2FrameReader;
import io.jnatsd.compress.S2FrameWriter;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.server.NatsServer;
import io.jnatsd.testing.TestServers;
import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.jnatsd.testing.CheckFor.checkFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fake peer on a raw socket dials a jnatsd node configured with {@code s2_fast}, negotiates compression as a
 * reference server that solicits does (CONNECT, wait for INFO, plain INFO, then S2), and checks that what
 * jnatsd sends after its plain INFO is an S2 stream, and that jnatsd reads the peer's S2 stream.
 */
@Timeout(30)
class RouteCompressionWireIntegrationTest {

    private static final String PEER_INFO = "INFO {\"server_id\":\"FAKEPEER\",\"server_name\":\"fake\",\"proto\":2,"
            + "\"host\":\"127.0.0.1\",\"port\":1,\"headers\":true,\"cluster\":\"" + ClusterNodes.CLUSTER
            + "\",\"compression\":\"s2_fast\"}\r\n";

    private final ClusterNodes nodes = new ClusterNodes();
    private Connection client;

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        nodes.close();
    }

    @Test
    void shouldSpeakS2Frames_whenThePeerNegotiatesS2Fast() throws Exception {
        NatsServer a = nodes.start(RouteCompressionIntegrationTest.node("s2_fast", List.of()));
        client = Nats.connect(TestServers.url(a));
        client.subscribe("wire.local");
        client.flush(Duration.ofSeconds(5));
        try (Socket s = new Socket(TestServers.HOST, ClusterNodes.routes(a).routePort())) {
            OutputStream out = s.getOutputStream();
            BufferedReader decoded = negotiate(s);
            S2FrameWriter w = S2FrameWriter.s2(out);
            w.write((PEER_INFO + "RS+ $G wire.remote\r\n").getBytes(StandardCharsets.US_ASCII));
            w.flush();
            assertThat(readUntil(decoded, "RS+ $G wire.local")).isTrue();
            ClusterNodes.awaitRemoteSubs(a, 1);
            client.publish("wire.remote", "over-s2".getBytes(StandardCharsets.US_ASCII));
            client.flush(Duration.ofSeconds(5));
            assertThat(readUntil(decoded, "RMSG $G wire.remote 7")).isTrue();
            assertThat(decoded.readLine()).isEqualTo("over-s2");
        }
        assertThat(ClusterNodes.routes(a).routes(false)).allSatisfy(r -> assertThat(r.compression())
                .isEqualTo("s2_fast"));
    }

    /**
     * Plays a soliciting reference server up to the switch: reads the plain INFO, sends CONNECT and a plain
     * INFO asking for s2_fast, checks that the reply is an S2 stream and reads its compressed INFO.
     *
     * @return the decoded stream from jnatsd
     */
    private static BufferedReader negotiate(Socket s) throws IOException, InterruptedException {
        return negotiate(s, "s2_fast", Duration.ZERO);
    }

    /**
     * As {@link #negotiate(Socket)} against a node configured with {@code mode}, answering its INFO after
     * {@code latency} (simulated network delay: it is the route's first RTT sample, not a wait for a condition).
     */
    private static BufferedReader negotiate(Socket s, String mode, Duration latency)
            throws IOException, InterruptedException {
        s.setSoTimeout(5000);
        OutputStream out = s.getOutputStream();
        DataInputStream in = new DataInputStream(s.getInputStream());
        String info = plainLine(in);
        assertThat(info).startsWith("INFO ").contains("\"compression\":\"" + mode + "\"");
        Thread.sleep(latency.toMillis());
        out.write(("CONNECT {\"echo\":true,\"verbose\":false,\"pedantic\":false,\"tls_required\":false,"
                + "\"headers\":true,\"name\":\"FAKEPEER\",\"cluster\":\"" + ClusterNodes.CLUSTER
                + "\",\"lnoc\":true}\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(PEER_INFO.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // Everything jnatsd sends from here on is framed S2: the stream identifier comes first.
        byte[] header = new byte[10];
        in.readFully(header);
        assertThat(header).containsExactly(0xFF, 6, 0, 0, 'S', '2', 's', 'T', 'w', 'O');
        BufferedReader decoded = new BufferedReader(new InputStreamReader(
                new S2FrameReader(new PrefixedStream(header, in)), StandardCharsets.US_ASCII));
        String compressedInfo = decoded.readLine();
        assertThat(compressedInfo).startsWith("INFO ").contains("\"compression\":\"" + mode + "\"");
        return decoded;
    }

    @Test
    void shouldFollowTheRtt_whenS2AutoFirstSeesASlowPeerThenFastPongs() throws Exception {
        ClusterOptions cluster = RouteCompressionIntegrationTest.node("s2_auto", List.of())
                .withCompression("s2_auto", List.of(Duration.ofMillis(300), Duration.ofSeconds(60)));
        // Many PINGs may go unanswered: the peer answers one, and the route must not be closed as stale.
        NatsServer a = nodes.start(TestServers.baseOptions().pingInterval(Duration.ofMillis(300)).pingMax(1000)
                .cluster(cluster).build());
        try (Socket s = new Socket(TestServers.HOST, ClusterNodes.routes(a).routePort())) {
            BufferedReader decoded = negotiate(s, "s2_auto", Duration.ofMillis(600));
            S2FrameWriter w = S2FrameWriter.s2(s.getOutputStream());
            w.write(PEER_INFO.getBytes(StandardCharsets.US_ASCII));
            w.flush();
            // First RTT (creation to the peer's INFO) was at least 600 ms: past 300 ms, so s2_fast.
            checkFor(() -> assertThat(ClusterNodes.routes(a).routes(false)).extracting(RouteSnapshot::compression)
                    .containsExactly("s2_fast"));
            assertThat(readUntil(decoded, "PING")).isTrue();
            w.write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
            w.flush();
            // A prompt PONG: the RTT is now under 300 ms, so the level drops to uncompressed.
            checkFor(() -> assertThat(ClusterNodes.routes(a).routes(false)).extracting(RouteSnapshot::compression)
                    .containsExactly("s2_uncompressed"));
        }
    }

    @Test
    void shouldCloseTheRouteAndKeepServing_whenThePeerSendsACorruptS2Stream() throws Exception {
        NatsServer a = nodes.start(RouteCompressionIntegrationTest.node("s2_fast", List.of()));
        try (Socket s = new Socket(TestServers.HOST, ClusterNodes.routes(a).routePort())) {
            negotiate(s);
            s.getOutputStream().write(new byte[] {(byte) 0xFF, 6, 0, 0, 'S', '2', 's', 'T', 'w', 'O',
                1, 5, 0, 0, 0, 0, 0, 0, 'x'});
            s.getOutputStream().flush();
            // The checksum is wrong: jnatsd closes the route (EOF here; a timeout would fail the test).
            assertThat(s.getInputStream().readAllBytes()).isNotNull();
        }
        client = Nats.connect(TestServers.url(a));
        assertThat(client.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        assertThat(ClusterNodes.routes(a).routes(false)).isEmpty();
    }

    private static String plainLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed after " + sb);
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** Reads decoded lines (bounded by the socket timeout) until one starts with {@code prefix}. */
    private static boolean readUntil(BufferedReader r, String prefix) throws IOException {
        for (int i = 0; i < 100; i++) {
            String line = r.readLine();
            if (line == null) {
                return false;
            }
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Replays bytes already read, then the socket. */
    private static final class PrefixedStream extends InputStream {
        private final byte[] prefix;
        private final InputStream rest;
        private int pos;

        PrefixedStream(byte[] prefix, InputStream rest) {
            this.prefix = prefix;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            return pos < prefix.length ? prefix[pos++] & 0xFF : rest.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos < prefix.length) {
                int n = Math.min(len, prefix.length - pos);
                System.arraycopy(prefix, pos, b, off, n);
                pos += n;
                return n;
            }
            return rest.read(b, off, len);
        }
    }
}
