package io.jnatsd.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code proxy_protocol}: a PROXY v1 or v2 header before the NATS protocol names the real
 * client, whose address then stands for the socket's peer. As in the reference (2.14), INFO
 * goes out first, without {@code client_ip}, and a client that sends no header is served as is.
 */
@Timeout(30)
class ProxyProtocolIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.withOptions(o -> o.proxyProtocol(true));

    @Test
    void shouldUseProxiedAddress_whenClientSendsV1Header() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();

        raw.send("PROXY TCP4 10.1.2.3 10.0.0.1 5555 4222\r\n");

        assertThat(clientIpsSeen(raw)).isNotEmpty().allMatch("10.1.2.3"::equals);
    }

    @Test
    void shouldUseProxiedAddress_whenClientSendsV2Header() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();

        raw.send(v2Header(0x21, new byte[] {10, 9, 8, 7}, new byte[] {10, 0, 0, 1}, 40000, 4222));

        assertThat(clientIpsSeen(raw)).isNotEmpty().allMatch("10.9.8.7"::equals);
    }

    @Test
    void shouldUseSocketPeer_whenV2HeaderIsLocalCommand() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();

        raw.send(v2Header(0x20, new byte[0], new byte[0], -1, -1));

        assertThat(clientIpsSeen(raw)).isNotEmpty().allMatch("127.0.0.1"::equals);
    }

    @Test
    void shouldParseProtocolInSameWrite_whenHeaderAndConnectArriveTogether() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();

        raw.send("PROXY TCP4 10.1.2.3 10.0.0.1 5555 4222\r\nCONNECT {\"verbose\":true,\"protocol\":1}\r\nPING\r\n");

        assertThat(raw.readLine()).startsWith("INFO ");
        assertThat(raw.readLine()).isEqualTo("+OK");
        assertThat(raw.readLine()).isEqualTo("PONG");
    }

    @Test
    void shouldServeClientAsIs_whenNoHeaderIsSent() throws Exception {
        Connection nc = jnatsd.connect();
        Subscription s = nc.subscribe("direct");

        nc.publish("direct", new byte[] {1});

        assertThat(s.nextMessage(WAIT)).isNotNull();
        assertThat(nc.getServerInfo().getClientIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldLeaveClientIpOutOfFirstInfo_whenProxyProtocolIsOn() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();

        String info = raw.readInfoJson();

        assertThat(JSON.readTree(info).has("client_ip")).as("the proxy's address must not leak: %s", info).isFalse();
    }

    @Test
    void shouldCloseConnection_whenV1HeaderIsMalformed() throws Exception {
        RawNatsSocket raw = jnatsd.rawSocket();

        raw.send("PROXY TCP4 not-an-ip 10.0.0.1 5555 4222\r\n");

        raw.awaitClosedByServer(WAIT);
    }

    /**
     * Completes the handshake (CONNECT with protocol 1, PING) and returns every {@code client_ip}
     * of the INFOs received until the one that answers the first PING.
     */
    private static List<String> clientIpsSeen(RawNatsSocket raw) throws Exception {
        raw.send("CONNECT {\"verbose\":false,\"protocol\":1}\r\nPING\r\n");
        List<String> ips = new ArrayList<>();
        boolean connectInfoSeen = false;
        while (!connectInfoSeen) {
            String line = raw.readLine();
            if (line.startsWith("INFO ")) {
                JsonNode info = JSON.readTree(line.substring(5));
                if (info.has("client_ip")) {
                    ips.add(info.get("client_ip").asText());
                }
                connectInfoSeen = info.path("connect_info").asBoolean();
            }
        }
        return ips;
    }

    /** A PROXY v2 header for TCP over IPv4; an empty source makes an address-less (LOCAL) header. */
    private static byte[] v2Header(int versionCommand, byte[] source, byte[] destination, int sourcePort, int destPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(versionCommand);
        boolean hasAddresses = source.length > 0;
        out.write(hasAddresses ? 0x11 : 0x00);
        ByteBuffer body = ByteBuffer.allocate(hasAddresses ? 12 : 0);
        if (hasAddresses) {
            body.put(source).put(destination).putShort((short) sourcePort).putShort((short) destPort);
        }
        out.write(body.capacity() >> 8);
        out.write(body.capacity() & 0xFF);
        out.writeBytes(body.array());
        return out.toByteArray();
    }
}
