package io.jnatsd.integration;

import io.jnatsd.testing.JnatsdServerExtension;
import io.jnatsd.testing.RawNatsSocket;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** NATS/1.0 headers (HPUB/HMSG) pass through jnatsd untouched. */
@Timeout(30)
class HeadersIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final JnatsdServerExtension jnatsd = JnatsdServerExtension.create();

    @Test
    void shouldAdvertiseHeaders_whenClientConnects() throws Exception {
        Connection nc = jnatsd.connect();

        assertThat(nc.getServerInfo().isHeadersSupported()).isTrue();
    }

    @Test
    void shouldPreserveMultiValueHeadersInOrder_whenPublishedWithHeaders() throws Exception {
        Connection sub = jnatsd.connect();
        Connection pub = jnatsd.connect();
        Subscription s = sub.subscribe("hdr");
        sub.flush(WAIT);
        Headers headers = new Headers();
        headers.add("X-Multi", "one", "two", "three");
        headers.add("X-Single", "only");
        headers.add("x-case", "Lower");

        pub.publish("hdr", headers, "body".getBytes(StandardCharsets.UTF_8));

        Message m = s.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(m.hasHeaders()).isTrue();
        assertThat(m.getHeaders().get("X-Multi")).containsExactly("one", "two", "three");
        assertThat(m.getHeaders().get("X-Single")).containsExactly("only");
        assertThat(m.getHeaders().get("x-case")).containsExactly("Lower");
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("body");
    }

    @Test
    void shouldDeliverHeaderOnlyMessage_whenPayloadIsEmpty() throws Exception {
        Connection nc = jnatsd.connect();
        Subscription s = nc.subscribe("hdr.only");
        Headers headers = new Headers().add("K", "v");

        nc.publish("hdr.only", headers, new byte[0]);

        Message m = s.nextMessage(WAIT);
        assertThat(m.getHeaders().getFirst("K")).isEqualTo("v");
        assertThat(m.getData()).isEmpty();
    }

    @Test
    void shouldForwardHeaderBytesExactly_whenRawClientSendsHpub() throws Exception {
        Connection sub = jnatsd.connect();
        Subscription s = sub.subscribe("raw.hdr");
        sub.flush(WAIT);
        String header = "NATS/1.0\r\nA: 1\r\nA: 2\r\nb:  spaced value \r\n\r\n";
        String payload = "hello";
        int headerBytes = header.getBytes(StandardCharsets.UTF_8).length;
        int totalBytes = headerBytes + payload.length();
        RawNatsSocket raw = jnatsd.rawSocket();
        raw.handshake("{\"verbose\":false,\"headers\":true,\"protocol\":1}");

        raw.send("HPUB raw.hdr " + headerBytes + " " + totalBytes + "\r\n" + header + payload + "\r\nPING\r\n");
        raw.readLineStartingWith("PONG");

        Message m = s.nextMessage(WAIT);
        assertThat(m).isNotNull();
        assertThat(m.getHeaders().get("A")).containsExactly("1", "2");
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo(payload);
        RawNatsSocket rawSub = jnatsd.rawSocket();
        rawSub.handshake("{\"verbose\":false,\"headers\":true,\"protocol\":1}");
        rawSub.send("SUB raw.hdr 9\r\nPING\r\n").readLineStartingWith("PONG");
        raw.send("HPUB raw.hdr " + headerBytes + " " + totalBytes + "\r\n" + header + payload + "\r\nPING\r\n");
        raw.readLineStartingWith("PONG");
        assertThat(rawSub.readLine()).isEqualTo("HMSG raw.hdr 9 " + headerBytes + " " + totalBytes);
        assertThat(rawSub.readLine()).isEqualTo("NATS/1.0");
        assertThat(rawSub.readLine()).isEqualTo("A: 1");
        assertThat(rawSub.readLine()).isEqualTo("A: 2");
        assertThat(rawSub.readLine()).isEqualTo("b:  spaced value ");
        assertThat(rawSub.readLine()).isEmpty();
        assertThat(rawSub.readLine()).isEqualTo(payload);
    }

    @Test
    void shouldDeliverPlainMsg_whenPublishedWithoutHeaders() throws Exception {
        Connection nc = jnatsd.connect();
        Subscription s = nc.subscribe("no.hdr");

        nc.publish("no.hdr", "x".getBytes(StandardCharsets.UTF_8));

        Message m = s.nextMessage(WAIT);
        assertThat(m.hasHeaders()).isFalse();
    }
}
